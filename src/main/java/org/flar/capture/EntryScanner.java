package org.flar.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.Xattr;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;

/** Turns what the walker found into an Entry's metadata: type, owner, times, link target, xattrs. */
final class EntryScanner {
    private final OwnerNames names;

    EntryScanner(OwnerNames names) {
        this.names = names;
    }

    /** Metadata only; file content and its checksum are added by the content reader. */
    Entry scan(TreeWalker.Item item, EntryType type, String hardlinkTarget) throws IOException {
        FileStat st = item.stat();
        Entry.Builder b = Entry.builder(item.rel(), type)
                .mode(st.permissions())
                .owner(st.uid(), st.gid())
                .names(names.user(st.uid()), names.group(st.gid()))
                .mtimeNanos(st.mtimeNanos())
                .xattrs(readXattrs(item));
        switch (type) {
            case FILE -> b.size(st.size());
            case SYMLINK -> b.linkTarget(Posix.readlink(item.path()));
            case HARDLINK -> b.linkTarget(hardlinkTarget);
            case CHAR_DEVICE, BLOCK_DEVICE -> b.device(st.rdevMajor(), st.rdevMinor());
            default -> {
            }
        }
        return b.build();
    }

    static EntryType typeOf(FileStat st) {
        return switch (st.fileType()) {
            case FileStat.S_IFREG -> EntryType.FILE;
            case FileStat.S_IFDIR -> EntryType.DIRECTORY;
            case FileStat.S_IFLNK -> EntryType.SYMLINK;
            case FileStat.S_IFIFO -> EntryType.FIFO;
            case FileStat.S_IFCHR -> EntryType.CHAR_DEVICE;
            case FileStat.S_IFBLK -> EntryType.BLOCK_DEVICE;
            default -> throw new IllegalStateException("unexpected file type " + Integer.toOctalString(st.fileType()));
        };
    }

    private static List<Xattr> readXattrs(TreeWalker.Item item) throws IOException {
        List<String> xattrNames = Posix.listXattrs(item.path());
        if (xattrNames.isEmpty()) {
            return List.of();
        }
        List<Xattr> out = new ArrayList<>(xattrNames.size());
        for (String n : xattrNames) {
            out.add(new Xattr(n, Posix.getXattr(item.path(), n)));
        }
        return out;
    }
}
