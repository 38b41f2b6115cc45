package org.flar.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import org.flar.entry.Entry;

/**
 * Writes entries into the archive section's payload (pax or cpio), uncompressed: compression
 * wraps the stream it is given, so a format never knows how it is compressed.
 */
public interface PayloadWriter extends Closeable {

    /**
     * Writes one entry. {@code content} supplies exactly {@link Entry#storedSize()} bytes: the
     * whole file, or for a sparse file its data segments concatenated; it is null for entries
     * without content.
     */
    void write(Entry entry, InputStream content) throws IOException;

    /** Writes the end-of-archive marker and flushes; does not close the underlying stream. */
    void finish() throws IOException;

    /** Closing finishes the payload if {@link #finish()} was not called. */
    @Override
    void close() throws IOException;
}
