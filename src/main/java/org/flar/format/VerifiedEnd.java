package org.flar.format;

import org.flar.pipeline.BulkInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The decompressed payload: its end is reported only once the stored bytes behind it have all
 * been read and verified and the decompressed bytes counted to exactly {@code payload_size},
 * and codec errors are prefixed with the archive's name. The count is checked on every read,
 * so a decompression bomb stops at the declared size, not when memory or patience runs out.
 */
final class VerifiedEnd extends BulkInputStream {

    private final InputStream in;

    private final PayloadStream stored;
    private final String archive;
    /** payload_size, or -1 when the archive does not declare it (not flar-format). */
    private final long expectedSize;
    private long count;

    VerifiedEnd(InputStream decompressed, PayloadStream stored, String archive, long expectedSize) {
        this.in = decompressed;
        this.stored = stored;
        this.archive = archive;
        this.expectedSize = expectedSize;
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
    public void close() throws IOException {
        in.close();
    }
}
