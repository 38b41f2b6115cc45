package org.flar.entry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 of a file's logical content fed with its stored bytes only: the zeros of the holes
 * between a sparse file's segments are hashed in between, so the result is what sha256sum of
 * the file prints, whether the file was stored sparse or whole.
 */
public final class ContentDigest {
    private static final byte[] ZEROS = new byte[1 << 16];

    private final MessageDigest digest = newSha256();
    private final List<SparseMap.Segment> segments;
    private final long size;
    private int segment;
    private long inSegment;
    private long hashed;

    /** @param sparse the data segments, or null when the stored bytes are the whole file */
    public ContentDigest(SparseMap sparse, long size) {
        this.segments = sparse != null ? sparse.segments() : List.of(new SparseMap.Segment(0, size));
        this.size = size;
    }

    /** Feeds stored bytes in order. */
    public void update(byte[] b, int off, int len) {
        while (len > 0) {
            while (segment < segments.size() && inSegment == segments.get(segment).length()) {
                segment++;
                inSegment = 0;
            }
            if (segment == segments.size()) {
                throw new IllegalStateException("more stored bytes than the segments hold");
            }
            SparseMap.Segment s = segments.get(segment);
            zerosUpTo(s.offset() + inSegment);
            int n = (int) Math.min(len, s.length() - inSegment);
            digest.update(b, off, n);
            inSegment += n;
            hashed += n;
            off += n;
            len -= n;
        }
    }

    /** Hashes the trailing hole, if any, and returns the lowercase hex digest. */
    public String finish() {
        zerosUpTo(size);
        return HexFormat.of().formatHex(digest.digest());
    }

    private void zerosUpTo(long offset) {
        while (hashed < offset) {
            int n = (int) Math.min(ZEROS.length, offset - hashed);
            digest.update(ZEROS, 0, n);
            hashed += n;
        }
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The SHA-256 of a regular file's content as it reads now (a final symlink is not followed). */
    public static String ofFile(java.nio.file.Path file) throws java.io.IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ,
                java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            ContentDigest digest = new ContentDigest(null, size);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 20);
            long done = 0;
            while (done < size) {
                buf.clear();
                int n = ch.read(buf, done);
                if (n <= 0) {
                    break;
                }
                digest.update(buf.array(), 0, n);
                done += n;
            }
            if (done != size) {
                throw new java.io.IOException(file + ": shrank while it was read");
            }
            return digest.finish();
        }
    }

    public static String of(byte[] content) {
        return HexFormat.of().formatHex(newSha256().digest(content));
    }
}
