package org.flar.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import org.flar.entry.Entry;

/**
 * Reads entries back from an uncompressed payload. Archives are untrusted: a reader checks
 * every size and number it parses before it allocates, and throws {@link CorruptArchiveException}
 * naming the entry for anything malformed or truncated.
 */
public interface PayloadReader extends Closeable {

    /** The next entry (sha256 is null: the manifest carries it), or null at the end of the payload. */
    Entry next() throws IOException;

    /**
     * The stored bytes of the entry last returned by {@link #next()}: {@link Entry#storedSize()}
     * bytes, the data segments concatenated for a sparse file. Unread content is skipped by the
     * next call to {@link #next()}.
     */
    InputStream content();
}
