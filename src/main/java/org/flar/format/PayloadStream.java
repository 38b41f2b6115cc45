package org.flar.format;

import org.flar.entry.ContentDigest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.flar.pipeline.BulkInputStream;

/**
 * The archive section's bytes as stored, counted and hashed as they pass. At the end of the
 * input it checks the count against {@code files_archived_size} and the hash against
 * {@code archive_id} (when the archive declares them) and throws instead of reporting the end,
 * so a consumer that reads to the end cannot miss damage. {@link #verify()} reads whatever the
 * consumer left (a decompressor may stop before the end) and makes the same checks.
 */
public final class PayloadStream extends BulkInputStream {

    private final InputStream source;
    private final String archive;
    private final long expectedSize;
    private final String expectedSha256;
    private final MessageDigest md = ContentDigest.newSha256();
    private long count;
    private boolean ended;
    private CorruptArchiveException failure;

    /**
     * @param expectedSize   bytes the section must have, or -1 when unknown
     * @param expectedSha256 lowercase hex SHA-256 the bytes must have, or null when unknown
     */
    PayloadStream(InputStream source, String archive, long expectedSize, String expectedSha256) {
        this.source = source;
        this.archive = archive;
        this.expectedSize = expectedSize;
        this.expectedSha256 = expectedSha256;
    }


    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = source.read(b, off, len);
        if (n < 0) {
            ended = true;
            check();
            return -1;
        }
        count += n;
        if (expectedSize >= 0 && count > expectedSize) {
            throw fail(archive + ": archive section longer than files_archived_size (" + expectedSize + " bytes)");
        }
        md.update(b, off, n);
        return n;
    }

    /** Stored bytes read so far. */
    public long count() {
        return count;
    }

    /** Reads to the end of the input and checks size and archive_id; idempotent. */
    public void verify() throws IOException {
        byte[] buf = new byte[1 << 16];
        while (read(buf, 0, buf.length) >= 0) {
            // draining: every stored byte must be hashed
        }
    }

    /** Leaves the archive's input open: the reader's caller owns it. */
    @Override
    public void close() {
    }

    private void check() throws CorruptArchiveException {
        if (expectedSize >= 0 && count < expectedSize) {
            throw fail(archive + ": archive truncated: " + count + " of " + expectedSize + " bytes");
        }
        if (expectedSha256 != null && !HexFormat.of().formatHex(md.digest()).equals(expectedSha256)) {
            throw fail(archive + ": archive_id mismatch: payload damaged");
        }
    }

    private CorruptArchiveException fail(String message) {
        failure = new CorruptArchiveException(message);
        return failure;
    }
}
