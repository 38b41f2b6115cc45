package org.flar.diff;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.Xattr;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;

/** What a path of a deployment target is now, in the terms of a manifest line, content hashed. */
final class TargetScan {
    private TargetScan() {
    }

    static Entry scan(Path path, String rel) throws IOException {
        FileStat st = Posix.lstat(path);
        EntryType type = switch (st.fileType()) {
            case FileStat.S_IFREG -> EntryType.FILE;
            case FileStat.S_IFDIR -> EntryType.DIRECTORY;
            case FileStat.S_IFLNK -> EntryType.SYMLINK;
            case FileStat.S_IFIFO -> EntryType.FIFO;
            case FileStat.S_IFCHR -> EntryType.CHAR_DEVICE;
            case FileStat.S_IFBLK -> EntryType.BLOCK_DEVICE;
            default -> throw new IOException(path + ": a socket or unknown file type");
        };
        List<Xattr> xattrs = new ArrayList<>();
        for (String n : Posix.listXattrs(path)) {
            xattrs.add(new Xattr(n, Posix.getXattr(path, n)));
        }
        Entry.Builder b = Entry.builder(rel, type).mode(st.permissions()).owner(st.uid(), st.gid())
                .mtimeNanos(st.mtimeNanos()).xattrs(xattrs);
        switch (type) {
            case FILE -> b.size(st.size()).sha256(FileHash.of(path));
            case SYMLINK -> b.linkTarget(Posix.readlink(path));
            case CHAR_DEVICE, BLOCK_DEVICE -> b.device(st.rdevMajor(), st.rdevMinor());
            default -> {
            }
        }
        return b.build();
    }
}
