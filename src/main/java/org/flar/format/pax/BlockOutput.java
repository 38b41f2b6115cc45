package org.flar.format.pax;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The writer's one buffer: headers are copied in and file content is read straight into it, so
 * content bytes are touched once on the way out.
 */
final class BlockOutput {
    private static final int BUFFER = 256 * 1024;
    private static final byte[] ZEROS = new byte[UstarHeader.BLOCK * 2];

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private long written;

    BlockOutput(OutputStream out) {
        this.out = out;
    }

    long written() {
        return written;
    }

    void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == buf.length) {
                drain();
            }
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(b, off, buf, pos, n);
            pos += n;
            off += n;
            len -= n;
            written += n;
        }
    }

    void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    /** Copies up to {@code n} bytes from {@code in}; returns how many it got before the end of {@code in}. */
    long copy(InputStream in, long n) throws IOException {
        long done = 0;
        while (done < n) {
            if (pos == buf.length) {
                drain();
            }
            int r = in.read(buf, pos, (int) Math.min(n - done, buf.length - pos));
            if (r < 0) {
                break;
            }
            pos += r;
            done += r;
            written += r;
        }
        return done;
    }

    /** NULs up to the next 512-byte boundary. */
    void padToBlock() throws IOException {
        int rest = (int) (written % UstarHeader.BLOCK);
        if (rest != 0) {
            write(ZEROS, 0, UstarHeader.BLOCK - rest);
        }
    }

    void writeEndMarker() throws IOException {
        write(ZEROS, 0, ZEROS.length);
    }

    void flush() throws IOException {
        drain();
        out.flush();
    }

    private void drain() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }
}
