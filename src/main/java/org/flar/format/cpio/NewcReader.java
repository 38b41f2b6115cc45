package org.flar.format.cpio;

/** Placeholder until the real implementation lands. */
public final class NewcReader implements org.flar.format.PayloadReader {
    public NewcReader(java.io.InputStream in) { throw new UnsupportedOperationException("not yet"); }
    @Override public org.flar.entry.Entry next() { return null; }
    @Override public java.io.InputStream content() { return null; }
    @Override public void close() { }
}
