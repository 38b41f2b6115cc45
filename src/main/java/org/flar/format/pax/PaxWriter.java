package org.flar.format.pax;

/** Placeholder until the real implementation lands. */
public final class PaxWriter implements org.flar.format.PayloadWriter {
    public PaxWriter(java.io.OutputStream out) { throw new UnsupportedOperationException("not yet"); }
    @Override public void write(org.flar.entry.Entry entry, java.io.InputStream content) { }
    @Override public void finish() { }
    @Override public void close() { }
}
