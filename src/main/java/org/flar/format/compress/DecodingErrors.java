package org.flar.format.compress;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.flar.format.CorruptArchiveException;
import org.flar.pipeline.BulkInputStream;

/**
 * Turns a codec's complaints into {@link CorruptArchiveException} while letting the source's
 * own exceptions through unchanged: a network error is not a damaged archive, and a truncation
 * the source already diagnosed keeps its precise message. The codec is built on the first read
 * because xz and gzip read their headers in their constructors, and those errors need the same
 * treatment.
 */
final class DecodingErrors extends BulkInputStream {

    interface CodecFactory {
        InputStream open(InputStream source) throws IOException;
    }

    private final Tap tap;
    private final String codecName;
    private final CodecFactory factory;
    private InputStream codec;

    DecodingErrors(InputStream source, String codecName, CodecFactory factory) {
        this.tap = new Tap(source);
        this.codecName = codecName;
        this.factory = factory;
    }


    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            if (codec == null) {
                codec = factory.open(tap);
            }
            return codec.read(b, off, len);
        } catch (IOException e) {
            throw translate(e);
        } catch (RuntimeException e) {
            // zstd-jni reports some corruption as unchecked ZstdException.
            throw new CorruptArchiveException(codecName + " data damaged: " + e.getMessage(), e);
        }
    }

    @Override
    public int available() throws IOException {
        return codec == null ? 0 : codec.available();
    }

    @Override
    public void close() throws IOException {
        if (codec != null) {
            codec.close();
        } else {
            tap.close();
        }
    }

    private IOException translate(IOException e) {
        IOException sourceFailure = tap.failure;
        if (sourceFailure != null) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t == sourceFailure) {
                    return sourceFailure;
                }
            }
        }
        if (e instanceof CorruptArchiveException) {
            return e;
        }
        if (e instanceof org.tukaani.xz.MemoryLimitException m) {
            return new CorruptArchiveException(codecName + " stream needs " + m.getMemoryNeeded()
                    + " KiB of memory to decompress, more than the " + m.getMemoryLimit() + " KiB flar allows", e);
        }
        return new CorruptArchiveException(codecName + " data damaged or truncated: " + e.getMessage(), e);
    }

    /** Remembers what the source threw. */
    private static final class Tap extends FilterInputStream {
        IOException failure;

        Tap(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}
