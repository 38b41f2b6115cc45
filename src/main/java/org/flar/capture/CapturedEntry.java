package org.flar.capture;

import org.flar.entry.Entry;

/**
 * An entry ready to be written: its metadata and, for a small file, its content already read
 * and hashed; null content on a file means the writer streams it.
 */
record CapturedEntry(Entry entry, byte[] content, TreeWalker.Item item) {

    boolean streamed() {
        return entry.type() == org.flar.entry.EntryType.FILE && content == null;
    }
}
