package org.flar.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.flar.entry.ContentDigest;
import org.flar.entry.SparseMap;
import org.flar.pipeline.BulkInputStream;

/**
 * Streams a file's stored bytes (its data segments, or the whole file) while hashing its
 * logical content, so the one read yields both payload and checksum. If the file shrinks
 * under us the missing bytes are sent as zeros and {@link #shortBy()} says how many; if it
 * grows, the extra bytes are not read. The archive stays self-consistent either way.
 */
final class FileContent extends BulkInputStream {
    private static final int READ_SLICE = 1 << 20;
    private final FileChannel channel;
    private final ContentDigest digest;
    private final List<SparseMap.Segment> segments;
    private int segmentIndex;
    private long positionInSegment;
    private long shortBy;

    FileContent(Path path, SparseMap sparse, long size) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        this.digest = new ContentDigest(sparse, size);
        this.segments = sparse != null ? sparse.segments() : List.of(new SparseMap.Segment(0, size));
    }


    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (segmentIndex < segments.size()) {
            SparseMap.Segment s = segments.get(segmentIndex);
            long left = s.length() - positionInSegment;
            if (left == 0) {
                segmentIndex++;
                positionInSegment = 0;
                continue;
            }
            int want = (int) Math.min(len, left);
            int n = channel.read(ByteBuffer.wrap(b, off, want), s.offset() + positionInSegment);
            if (n <= 0) {
                // The file shrank: send zeros so the entry keeps the size its header announced.
                n = want;
                Arrays.fill(b, off, off + n, (byte) 0);
                shortBy += n;
            }
            digest.update(b, off, n);
            positionInSegment += n;
            return n;
        }
        return -1;
    }

    /** The SHA-256 of the logical content; call once everything was read. */
    String sha256() {
        return digest.finish();
    }

    /** Bytes that were missing when read (the file shrank while it was captured). */
    long shortBy() {
        return shortBy;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * Reads a small file whole. Returns the bytes, or null if the file no longer has
     * {@code size} bytes (the caller streams the file instead, which reports it).
     */
    static byte[] readSmall(Path path, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] data = new byte[(int) size];
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                // At most a slice at a time: NIO reads a heap buffer through a temporary native
                // one of the same size that it keeps per thread, 8 MiB per reader otherwise.
                buf.limit(Math.min(data.length, buf.position() + READ_SLICE));
                if (ch.read(buf) < 0) {
                    return null;
                }
            }
            // One more byte would mean the file grew since lstat.
            return ch.read(ByteBuffer.allocate(1)) > 0 ? null : data;
        }
    }
}
