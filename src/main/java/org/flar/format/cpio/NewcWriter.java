package org.flar.format.cpio;

/** Placeholder until the real implementation lands. */
public final class NewcWriter implements org.flar.format.PayloadWriter {
    public NewcWriter(java.io.OutputStream out) { throw new UnsupportedOperationException("not yet"); }
    @Override public void write(org.flar.entry.Entry entry, java.io.InputStream content) { }
    @Override public void finish() { }
    @Override public void close() { }
}
