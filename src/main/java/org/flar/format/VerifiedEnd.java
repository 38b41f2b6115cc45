package org.flar.format;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The decompressed payload: its end is reported only once the stored bytes behind it have all
 * been read and verified and the decompressed bytes counted to exactly {@code payload_size},
 * and codec errors are prefixed with the archive's name. The count is checked on every read,
 * so a decompression bomb stops at the declared size, not when memory or patience runs out.
 */
final class VerifiedEnd extends FilterInputStream {

    private final PayloadStream stored;
    private final String archive;
    /** payload_size, or -1 when the archive does not declare it (not flar-format). */
    private final long expectedSize;
    private long count;

    VerifiedEnd(InputStream decompressed, PayloadStream stored, String archive, long expectedSize) {
        super(decompressed);
        this.stored = stored;
        this.archive = archive;
        this.expectedSize = expectedSize;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = in.read(b, off, len);
            if (n < 0) {
                stored.verify();
                if (expectedSize >= 0 && count != expectedSize) {
                    throw new CorruptArchiveException(archive + ": payload is " + count
                            + " bytes decompressed, but payload_size says " + expectedSize);
                }
                return n;
            }
            count += n;
            if (expectedSize >= 0 && count > expectedSize) {
                throw new CorruptArchiveException(archive + ": payload decompresses to more than payload_size ("
                        + expectedSize + " bytes): damaged, or a decompression bomb");
            }
            return n;
        } catch (CorruptArchiveException e) {
            throw CorruptArchiveException.naming(archive, "payload: ", e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }
}
