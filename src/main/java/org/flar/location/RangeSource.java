package org.flar.location;

import java.io.IOException;
import java.io.InputStream;

/** A remote object read by byte ranges: what {@link RangedStream} and {@link ParallelRanges} resume and split. */
public interface RangeSource {

    /** The object's size in bytes, asked once. */
    long size() throws IOException;

    /**
     * Bytes {@code from} (inclusive) to {@code to} (exclusive) of the object, exactly that range
     * or an error: a source checks that the server answered for the range asked.
     */
    InputStream open(long from, long to) throws IOException;

    /**
     * Whether a failure of {@link #open} or of reading its stream may pass if tried again (a
     * cut connection, a refused one, a 5xx) rather than being final (404, wrong credentials).
     */
    boolean isTransient(IOException e);
}
