package org.flar.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.Xattr;

/**
 * A path as an {@link Entry}: the one translation of lstat and the xattrs into a manifest's
 * terms, for a capture, a target's drift check and an identity bundle alike. The content's
 * checksum is the caller's, since when and how to read it differs.
 */
public final class PathEntry {
    private PathEntry() {
    }

    /** The entry type of a file, or null for a socket (or a type Linux does not have). */
    public static EntryType typeOf(FileStat st) {
        return switch (st.fileType()) {
            case FileStat.S_IFREG -> EntryType.FILE;
            case FileStat.S_IFDIR -> EntryType.DIRECTORY;
            case FileStat.S_IFLNK -> EntryType.SYMLINK;
            case FileStat.S_IFIFO -> EntryType.FIFO;
            case FileStat.S_IFCHR -> EntryType.CHAR_DEVICE;
            case FileStat.S_IFBLK -> EntryType.BLOCK_DEVICE;
            default -> null;
        };
    }

    /**
     * {@code path}'s metadata as an entry named {@code rel}: type, mode, owner, mtime, xattrs,
     * and the size, link target or device numbers its type has.
     */
    public static Entry.Builder of(Path path, String rel, FileStat st) throws IOException {
        EntryType type = typeOf(st);
        if (type == null) {
            throw new IOException(path + ": a socket or unknown file type");
        }
        return of(path, rel, st, type);
    }

    /** As {@link #of(Path, String, FileStat)} with the type decided by the caller (a hardlink's later name). */
    public static Entry.Builder of(Path path, String rel, FileStat st, EntryType type) throws IOException {
        Entry.Builder b = Entry.builder(rel, type).mode(st.permissions()).owner(st.uid(), st.gid())
                .mtimeNanos(st.mtimeNanos()).xattrs(xattrs(path));
        switch (type) {
            case FILE -> b.size(st.size());
            case SYMLINK -> b.linkTarget(Posix.readlink(path));
            case CHAR_DEVICE, BLOCK_DEVICE -> b.device(st.rdevMajor(), st.rdevMinor());
            default -> {
            }
        }
        return b;
    }

    /** Every extended attribute, in the order the kernel lists them. */
    public static List<Xattr> xattrs(Path path) throws IOException {
        List<String> names = Posix.listXattrs(path);
        if (names.isEmpty()) {
            return List.of();
        }
        List<Xattr> out = new ArrayList<>(names.size());
        for (String n : names) {
            out.add(new Xattr(n, Posix.getXattr(path, n)));
        }
        return out;
    }
}
