package org.flar.format.pax;

import org.flar.pipeline.BulkInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.flar.entry.Entry;
import org.flar.format.CorruptArchiveException;
import org.flar.format.PayloadReader;

/**
 * Reads a pax payload: ustar headers with pax 'x' records, GNU long names ('L', 'K'), GNU sparse
 * 1.0 and 0.1, and the xattr and ACL records of GNU tar, bsdtar and flar. Global 'g' headers are
 * checked and then ignored: flar never writes them and GNU tar and bsdtar only do when asked.
 *
 * <p>The payload is untrusted. Every header is checksummed and every number range-checked
 * before it is used, nothing larger than {@link #MAX_HEADER} is buffered, and all damage is a
 * {@link CorruptArchiveException} naming the entry. Path safety is the deployer's business;
 * this reader only refuses NUL in names. {@link #close()} leaves the given stream open.
 */
public final class PaxReader implements PayloadReader {
    /** Largest pax header or GNU long name accepted, in bytes. */
    static final int MAX_HEADER = 16 * 1024 * 1024;

    private static final int INITIAL_HEADER_BUFFER = 64 * 1024;

    private final BlockInput in;
    private final byte[] block = new byte[UstarHeader.BLOCK];
    private Content content = new Content("", 0);
    /** Entry data after the content (e.g. of a hardlink that carries data) plus block padding. */
    private long skipAfterContent;
    private String lastPath;
    private boolean done;

    public PaxReader(InputStream in) {
        this.in = new BlockInput(in);
    }

    @Override
    public Entry next() throws IOException {
        if (done) {
            return null;
        }
        finishCurrent();
        PendingHeaders pending = new PendingHeaders();
        while (true) {
            long offset = in.offset();
            int n = in.readFully(block, 0, UstarHeader.BLOCK);
            if (n == 0) {
                throw new CorruptArchiveException("payload ends without the end-of-archive marker" + where(offset));
            }
            if (n < UstarHeader.BLOCK) {
                throw new CorruptArchiveException("truncated header" + where(offset));
            }
            if (UstarHeader.isZero(block)) {
                if (!pending.isEmpty()) {
                    throw new CorruptArchiveException("extended header without an entry" + where(offset));
                }
                endOfArchive(offset);
                done = true;
                return null;
            }
            String context = pending.nameForMessages(block, offset);
            UstarHeader header = UstarHeader.parse(block, context);
            switch (header.typeflag()) {
                case 'x' -> {
                    byte[] data = readHeaderData(header.size(), context);
                    pending.add(PaxRecords.parse(data, context), data.length, context);
                }
                case 'g' -> PaxRecords.parse(readHeaderData(header.size(), context), context);
                case 'L' -> pending.longName(cString(readHeaderData(header.size(), context)), context);
                case 'K' -> pending.longLink(cString(readHeaderData(header.size(), context)), context);
                default -> {
                    EntryDecoder.Decoded decoded = EntryDecoder.decode(header, pending, in, context);
                    Entry entry = decoded.entry();
                    lastPath = entry.path();
                    content = new Content(entry.path(), entry.storedSize());
                    skipAfterContent = decoded.dataRemaining() - entry.storedSize() + padding(decoded.dataSize());
                    return entry;
                }
            }
        }
    }

    @Override
    public InputStream content() {
        return content;
    }

    @Override
    public void close() {
        done = true;
        content.stale = true;
    }

    /**
     * The end-of-archive marker is two zero blocks, and then the payload must end: a payload cut
     * inside the marker, or with anything but zeros after it, is refused. Zeros may follow, as tar
     * pads its archives to a whole record (10 KiB for GNU tar); they are read to the end, so a
     * reader that stops here has seen every byte.
     */
    private void endOfArchive(long offset) throws IOException {
        int n = in.readFully(block, 0, UstarHeader.BLOCK);
        if (n < UstarHeader.BLOCK) {
            throw new CorruptArchiveException("payload ends inside its end-of-archive marker (one zero block of two)"
                    + where(offset));
        }
        if (!UstarHeader.isZero(block)) {
            throw new CorruptArchiveException("data after the end of the payload (a zero block, then a header)"
                    + where(offset));
        }
        byte[] rest = new byte[1 << 16];
        for (int r; (r = in.read(rest, 0, rest.length)) >= 0; ) {
            for (int i = 0; i < r; i++) {
                if (rest[i] != 0) {
                    throw new CorruptArchiveException("data after the end-of-archive marker at offset "
                            + (in.offset() - r + i));
                }
            }
        }
    }

    private void finishCurrent() throws IOException {
        long rest = content.remaining + skipAfterContent;
        content.stale = true;
        content.remaining = 0;
        skipAfterContent = 0;
        if (in.skip(rest) < rest) {
            throw truncated(lastPath);
        }
    }

    /** Header data is buffered, so its size is bounded first and the buffer grows only as bytes arrive. */
    private byte[] readHeaderData(long size, String context) throws IOException {
        if (size < 0 || size > MAX_HEADER) {
            throw new CorruptArchiveException("extended header of " + size + " bytes in entry '" + context
                    + "' (at most " + MAX_HEADER + ")");
        }
        byte[] data = new byte[(int) Math.min(size, INITIAL_HEADER_BUFFER)];
        int have = 0;
        while (have < size) {
            if (have == data.length) {
                data = Arrays.copyOf(data, (int) Math.min(size, 2L * data.length));
            }
            int n = in.read(data, have, data.length - have);
            if (n < 0) {
                throw truncated(context);
            }
            have += n;
        }
        long pad = padding(size);
        if (in.skip(pad) < pad) {
            throw truncated(context);
        }
        return data;
    }

    private static byte[] cString(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return Arrays.copyOf(data, end);
    }

    private static long padding(long size) {
        return (UstarHeader.BLOCK - size % UstarHeader.BLOCK) % UstarHeader.BLOCK;
    }

    private String where(long offset) {
        return " at offset " + offset + (lastPath == null ? "" : " (after entry '" + lastPath + "')");
    }

    static CorruptArchiveException truncated(String context) {
        return new CorruptArchiveException("truncated in entry '" + context + "'");
    }

    /** The stored bytes of the current entry; stale once {@link #next()} moves on. */
    private final class Content extends BulkInputStream {
        private final String path;
        private long remaining;
        private boolean stale;

        Content(String path, long size) {
            this.path = path;
            this.remaining = size;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (stale) {
                throw new IOException("content of entry '" + path + "' is no longer available");
            }
            if (remaining == 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw truncated(path);
            }
            remaining -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            if (stale || n <= 0) {
                return 0;
            }
            long step = Math.min(n, remaining);
            long skipped = in.skip(step);
            remaining -= skipped;
            if (skipped < step) {
                throw truncated(path);
            }
            return skipped;
        }

        @Override
        public int available() {
            return 0;
        }
    }
}
