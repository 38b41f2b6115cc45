package org.flar.capture;

import java.io.IOException;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.fs.FileStat;
import org.flar.fs.PathEntry;

/** Turns what the walker found into an Entry's metadata: type, owner, times, link target, xattrs. */
final class EntryScanner {
    private final OwnerNames names;

    EntryScanner(OwnerNames names) {
        this.names = names;
    }

    /** Metadata only; file content and its checksum are added by the content reader. */
    Entry scan(TreeWalker.Item item, EntryType type, String hardlinkTarget) throws IOException {
        FileStat st = item.stat();
        Entry.Builder b = PathEntry.of(item.path(), item.rel(), st, type).names(names.user(st.uid()), names.group(st.gid()));
        if (type == EntryType.HARDLINK) {
            b.linkTarget(hardlinkTarget);
        }
        return b.build();
    }

    static EntryType typeOf(FileStat st) {
        EntryType t = PathEntry.typeOf(st);
        if (t == null) {
            throw new IllegalStateException("unexpected file type " + Integer.toOctalString(st.fileType()));
        }
        return t;
    }
}
