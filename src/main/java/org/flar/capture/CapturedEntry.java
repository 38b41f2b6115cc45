package org.flar.capture;

import org.flar.entry.Entry;

/**
 * An entry ready to be written: its metadata and, for a small file, its content already read
 * and hashed; null content on a file means the writer streams it. In a differential capture
 * {@code base} is the old state's entry at the same path (null when new), {@code unchanged}
 * says the entry stays out of the payload, and an entry of null with a base is a deletion.
 */
record CapturedEntry(Entry entry, byte[] content, TreeWalker.Item item, BaseEntry base, boolean unchanged) {

    CapturedEntry(Entry entry, byte[] content, TreeWalker.Item item) {
        this(entry, content, item, null, false);
    }

    static CapturedEntry gone(BaseEntry base) {
        return new CapturedEntry(null, null, null, base, false);
    }

    boolean isDeletion() {
        return entry == null;
    }

    CapturedEntry against(BaseEntry old, boolean same) {
        return new CapturedEntry(entry, same ? null : content, item, old, same);
    }

    boolean streamed() {
        return entry.type() == org.flar.entry.EntryType.FILE && content == null;
    }
}
