package org.flar.format.compress;

import org.flar.pipeline.BulkInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.flar.format.CorruptArchiveException;

/**
 * A gzip stream (RFC 1952) of one or more members, read strictly to the end of its input.
 * {@link java.util.zip.GZIPInputStream} is not used because it ends quietly at bytes after a
 * member that do not start another one, so anything could be appended to a gzip payload
 * unnoticed; here the input must end after a member or start the next one, and every member's
 * CRC-32 and length are checked.
 */
final class GzipMembers extends BulkInputStream {

    private static final int ID1 = 0x1f;
    private static final int ID2 = 0x8b;
    private static final int DEFLATE = 8;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED_FLAGS = 0xe0;

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long memberSize;
    private boolean inMember;
    private boolean ended;

    GzipMembers(InputStream in) throws IOException {
        this.in = in;
        if (!header()) {
            throw new CorruptArchiveException("gzip stream is empty");
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!ended) {
            if (!inMember) {
                if (!header()) {
                    ended = true;
                    return -1;
                }
            }
            int n = inflate(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
                memberSize += n;
                return n;
            }
            if (inflater.finished()) {
                trailer();
            }
        }
        return -1;
    }

    private int inflate(byte[] b, int off, int len) throws IOException {
        try {
            while (true) {
                int n = inflater.inflate(b, off, len);
                if (n > 0 || inflater.finished()) {
                    return n;
                }
                if (inflater.needsDictionary()) {
                    throw new CorruptArchiveException("gzip data damaged: a deflate stream needs a preset dictionary");
                }
                if (inflater.needsInput()) {
                    if (pos == limit && !fill()) {
                        throw new CorruptArchiveException("gzip data truncated: the stream ends inside a member");
                    }
                    inflater.setInput(buf, pos, limit - pos);
                    pos = limit;
                }
            }
        } catch (DataFormatException e) {
            throw new CorruptArchiveException("gzip data damaged: " + e.getMessage(), e);
        }
    }

    /** The next member's header, or false at the end of the input where a member could start. */
    private boolean header() throws IOException {
        if (pos == limit && !fill()) {
            return false;
        }
        if (next() != ID1 || next() != ID2) {
            throw new CorruptArchiveException("data after the end of the gzip stream (not a gzip member)");
        }
        if (next() != DEFLATE) {
            throw new CorruptArchiveException("gzip member is not deflate-compressed");
        }
        int flags = next();
        if ((flags & RESERVED_FLAGS) != 0) {
            throw new CorruptArchiveException("gzip member header has reserved flags set");
        }
        skipBytes(6); // MTIME, XFL, OS
        if ((flags & FEXTRA) != 0) {
            skipBytes(next() | next() << 8);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            skipBytes(2);
        }
        inflater.reset();
        crc.reset();
        memberSize = 0;
        inMember = true;
        return true;
    }

    private void trailer() throws IOException {
        // What the inflater took past the end of the deflate data is the trailer and what follows.
        pos -= inflater.getRemaining();
        long expectedCrc = le32();
        long expectedSize = le32();
        if (expectedCrc != crc.getValue()) {
            throw new CorruptArchiveException("gzip data damaged: CRC-32 mismatch");
        }
        if (expectedSize != (memberSize & 0xffff_ffffL)) {
            throw new CorruptArchiveException("gzip data damaged: length mismatch");
        }
        inMember = false;
    }

    private long le32() throws IOException {
        return (next() | next() << 8 | next() << 16 | (long) next() << 24) & 0xffff_ffffL;
    }

    private void skipZeroTerminated() throws IOException {
        while (next() != 0) {
            // a file name or comment: nothing flar uses, bounded only by the stored bytes
        }
    }

    private void skipBytes(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            next();
        }
    }

    private int next() throws IOException {
        if (pos == limit && !fill()) {
            throw new CorruptArchiveException("gzip data truncated in a member header or trailer",
                    new EOFException());
        }
        return buf[pos++] & 0xff;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
