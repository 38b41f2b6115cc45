package org.flar.format.pax;

/** Placeholder until the real implementation lands. */
public final class PaxReader implements org.flar.format.PayloadReader {
    public PaxReader(java.io.InputStream in) { throw new UnsupportedOperationException("not yet"); }
    @Override public org.flar.entry.Entry next() { return null; }
    @Override public java.io.InputStream content() { return null; }
    @Override public void close() { }
}
