package org.flar.identity.bundle;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.Xattr;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;
import org.flar.identity.profile.PathGlob;

/**
 * A file of the root as an {@link Entry}: type, owner, mode, nanosecond mtime, link target,
 * device numbers and every xattr (ACLs included), read without following symlinks. A file
 * with several names is recorded as a plain file: identity files are not hardlinked.
 */
final class FileRecord {
    private FileRecord() {
    }

    static Entry of(Path root, String rel) throws IOException {
        Path p = root.resolve(rel);
        FileStat st = Posix.lstat(p);
        Entry.Builder b = Entry.builder(rel, typeOf(st, rel)).mode(st.permissions()).owner(st.uid(), st.gid())
                .mtimeNanos(st.mtimeNanos()).xattrs(xattrs(p));
        switch (typeOf(st, rel)) {
            case FILE -> b.size(st.size());
            case SYMLINK -> b.linkTarget(Posix.readlink(p));
            case CHAR_DEVICE, BLOCK_DEVICE -> b.device(st.rdevMajor(), st.rdevMinor());
            default -> {
            }
        }
        return b.build();
    }

    /** {@code rel} and, for a directory, everything below it, parents before children. */
    static List<String> tree(Path root, String rel) throws IOException {
        List<String> out = new ArrayList<>();
        out.add(rel);
        if (PathGlob.isRealDirectory(root.resolve(rel))) {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(root.resolve(rel))) {
                for (Path c : s) {
                    names.add(c.getFileName().toString());
                }
            }
            names.sort(null);
            for (String n : names) {
                out.addAll(tree(root, rel + "/" + n));
            }
        }
        return out;
    }

    private static EntryType typeOf(FileStat st, String rel) {
        return switch (st.fileType()) {
            case FileStat.S_IFREG -> EntryType.FILE;
            case FileStat.S_IFDIR -> EntryType.DIRECTORY;
            case FileStat.S_IFLNK -> EntryType.SYMLINK;
            case FileStat.S_IFIFO -> EntryType.FIFO;
            case FileStat.S_IFCHR -> EntryType.CHAR_DEVICE;
            case FileStat.S_IFBLK -> EntryType.BLOCK_DEVICE;
            default -> throw new IllegalArgumentException(rel + ": a socket cannot be saved in an identity bundle");
        };
    }

    private static List<Xattr> xattrs(Path p) throws IOException {
        List<Xattr> out = new ArrayList<>();
        for (String n : Posix.listXattrs(p)) {
            out.add(new Xattr(n, Posix.getXattr(p, n)));
        }
        return out;
    }
}
