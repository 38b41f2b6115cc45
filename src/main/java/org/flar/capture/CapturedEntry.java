package org.flar.capture;

import org.flar.entry.Entry;

/**
 * An entry ready to be written: its metadata and, for a small file, its content already read
 * and hashed; null content on a file means the writer streams it. In a differential capture
 * {@code base} is the old state's entry at the same path (null when new) and {@code verdict}
 * says whether the entry goes into the payload; an entry of null with a base is a deletion.
 */
record CapturedEntry(Entry entry, byte[] content, TreeWalker.Item item, BaseEntry base, Verdict verdict) {

    /** What a differential does with an entry. */
    enum Verdict {
        /** New or changed: into the payload. */
        SEND,
        /** Equal to the base: left out. */
        UNCHANGED,
        /** A file with the base's content and other metadata: only a metadata line, no content. */
        METADATA_ONLY
    }

    CapturedEntry(Entry entry, byte[] content, TreeWalker.Item item) {
        this(entry, content, item, null, Verdict.SEND);
    }

    static CapturedEntry gone(BaseEntry base) {
        return new CapturedEntry(null, null, null, base, Verdict.SEND);
    }

    boolean isDeletion() {
        return entry == null;
    }

    boolean unchanged() {
        return verdict == Verdict.UNCHANGED;
    }

    boolean metadataOnly() {
        return verdict == Verdict.METADATA_ONLY;
    }

    CapturedEntry against(BaseEntry old, boolean same) {
        return new CapturedEntry(entry, same ? null : content, item, old, same ? Verdict.UNCHANGED : Verdict.SEND);
    }

    /** {@code file}, with the sha256 of its content, which is the base's. */
    static CapturedEntry metadataOnly(Entry file, TreeWalker.Item item, BaseEntry old) {
        return new CapturedEntry(file, null, item, old, Verdict.METADATA_ONLY);
    }

    boolean streamed() {
        return entry.type() == org.flar.entry.EntryType.FILE && content == null;
    }
}
