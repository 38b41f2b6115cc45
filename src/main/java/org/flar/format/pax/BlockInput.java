package org.flar.format.pax;

import java.io.IOException;
import java.io.InputStream;

/** Buffered reads of the payload that keep the offset, and skip by reading so EOF is always seen. */
final class BlockInput {
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private long offset;

    BlockInput(InputStream in) {
        this.in = in;
    }

    long offset() {
        return offset;
    }

    /** Like InputStream.read: at least one byte, or -1 at the end. */
    int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == limit) {
            if (len >= buf.length) {
                int n = in.read(b, off, len);
                if (n > 0) {
                    offset += n;
                }
                return n;
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        offset += n;
        return n;
    }

    /** Reads up to {@code len} bytes; fewer only at the end of the input. */
    int readFully(byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = read(b, off + done, len - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    /** Skips up to {@code n} bytes; fewer only at the end of the input. */
    long skip(long n) throws IOException {
        long done = 0;
        while (done < n) {
            if (pos == limit && !fill()) {
                break;
            }
            int step = (int) Math.min(n - done, limit - pos);
            pos += step;
            offset += step;
            done += step;
        }
        return done;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
