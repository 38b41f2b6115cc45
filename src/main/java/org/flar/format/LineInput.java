package org.flar.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads {@code \n}-terminated lines with a length limit checked before the line is kept, then
 * serves the rest of the input as a stream: the payload follows the text sections in the same
 * pipe, so the line reader may not swallow any of it.
 */
final class LineInput extends InputStream {

    /** A line longer than the limit. */
    static final class TooLong extends IOException {
        TooLong() {
            super("line too long");
        }
    }

    /** The input ended inside a line; {@link #partial} is what it held. */
    static final class Truncated extends IOException {
        final byte[] partial;

        Truncated(byte[] partial) {
            super("input ends inside a line");
            this.partial = partial;
        }
    }

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;

    LineInput(InputStream in) {
        this.in = in;
    }

    /** The next line without its {@code \n}, or null when the input ends where a line would start. */
    byte[] readLine(int max) throws IOException {
        ByteArrayOutputStream line = null;
        while (true) {
            if (pos == lim && !fill()) {
                if (line == null) {
                    return null;
                }
                throw new Truncated(line.toByteArray());
            }
            int nl = indexOfNewline();
            int end = nl < 0 ? lim : nl;
            int have = line == null ? 0 : line.size();
            if ((long) have + (end - pos) > max) {
                throw new TooLong();
            }
            if (nl >= 0 && line == null) {
                byte[] result = Arrays.copyOfRange(buf, pos, nl);
                pos = nl + 1;
                return result;
            }
            if (line == null) {
                line = new ByteArrayOutputStream();
            }
            line.write(buf, pos, end - pos);
            pos = end;
            if (nl >= 0) {
                pos++;
                return line.toByteArray();
            }
        }
    }

    @Override
    public int read() throws IOException {
        if (pos == lim && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos < lim) {
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
        return in.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private int indexOfNewline() {
        for (int i = pos; i < lim; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            // A zero-length read from a blocking stream only happens at its end in practice.
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }
}
