package org.flar.format.pax;

import java.util.Arrays;
import org.flar.format.CorruptArchiveException;

/**
 * The 512-byte ustar header block as read: names still raw bytes, numbers decoded from octal or
 * GNU base-256. The static helpers write fields into a block.
 */
record UstarHeader(byte[] name, int mode, long uid, long gid, long size, long mtime, byte typeflag,
                   byte[] linkname, byte[] uname, byte[] gname, long devMajor, long devMinor) {

    static final int BLOCK = 512;

    static final int NAME = 0;
    static final int NAME_LEN = 100;
    static final int MODE = 100;
    static final int UID = 108;
    static final int GID = 116;
    static final int SIZE = 124;
    static final int MTIME = 136;
    static final int CHKSUM = 148;
    static final int TYPEFLAG = 156;
    static final int LINKNAME = 157;
    static final int LINKNAME_LEN = 100;
    static final int MAGIC = 257;
    static final int UNAME = 265;
    static final int OWNER_NAME_LEN = 32;
    static final int GNAME = 297;
    static final int DEVMAJOR = 329;
    static final int DEVMINOR = 337;
    static final int PREFIX = 345;
    static final int PREFIX_LEN = 155;

    /** Largest values the octal fields hold with their terminating NUL: 7 and 11 digits. */
    static final long MAX_OCTAL_8 = 07777777L;
    static final long MAX_OCTAL_12 = 077777777777L;

    private static final byte[] USTAR_MAGIC = {'u', 's', 't', 'a', 'r', 0, '0', '0'};
    private static final byte[] GNU_MAGIC = {'u', 's', 't', 'a', 'r', ' ', ' ', 0};

    static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The header name bytes, for messages before the header has been validated. */
    static byte[] rawName(byte[] block) {
        return cString(block, NAME, NAME_LEN);
    }

    /**
     * Checks magic and checksum and decodes the fields. {@code context} names the entry in
     * messages (the pax path when one came before, else the ustar name).
     */
    static UstarHeader parse(byte[] block, String context) throws CorruptArchiveException {
        long stored = number(block, CHKSUM, 8, "checksum", context);
        if (stored != checksum(block, false) && stored != checksum(block, true)) {
            throw new CorruptArchiveException("bad header checksum in entry '" + context + "'");
        }
        boolean posix = Arrays.equals(block, MAGIC, MAGIC + 8, USTAR_MAGIC, 0, 8);
        // GNU's old magic: its prefix field holds times, not a name prefix.
        boolean gnu = Arrays.equals(block, MAGIC, MAGIC + 8, GNU_MAGIC, 0, 8);
        if (!posix && !gnu) {
            throw new CorruptArchiveException("not a ustar header (bad magic) in entry '" + context + "'");
        }
        byte[] name = rawName(block);
        byte[] prefix = posix ? cString(block, PREFIX, PREFIX_LEN) : new byte[0];
        if (prefix.length > 0) {
            byte[] joined = Arrays.copyOf(prefix, prefix.length + 1 + name.length);
            joined[prefix.length] = '/';
            System.arraycopy(name, 0, joined, prefix.length + 1, name.length);
            name = joined;
        }
        return new UstarHeader(name,
                (int) (number(block, MODE, 8, "mode", context) & 07777),
                number(block, UID, 8, "uid", context),
                number(block, GID, 8, "gid", context),
                number(block, SIZE, 12, "size", context),
                number(block, MTIME, 12, "mtime", context),
                block[TYPEFLAG],
                cString(block, LINKNAME, LINKNAME_LEN),
                cString(block, UNAME, OWNER_NAME_LEN),
                cString(block, GNAME, OWNER_NAME_LEN),
                number(block, DEVMAJOR, 8, "devmajor", context),
                number(block, DEVMINOR, 8, "devminor", context));
    }

    private static byte[] cString(byte[] block, int off, int len) {
        int end = off;
        while (end < off + len && block[end] != 0) {
            end++;
        }
        return Arrays.copyOfRange(block, off, end);
    }

    /**
     * Octal with optional leading spaces and a NUL or space terminator, or GNU base-256 (high bit
     * of the first byte set, two's complement, bit 6 the sign). A field of only NULs and spaces is 0.
     */
    static long number(byte[] block, int off, int len, String field, String context)
            throws CorruptArchiveException {
        if ((block[off] & 0x80) != 0) {
            return base256(block, off, len, field, context);
        }
        int i = off;
        int end = off + len;
        while (i < end && block[i] == ' ') {
            i++;
        }
        long value = 0;
        int digits = 0;
        for (; i < end && block[i] >= '0' && block[i] <= '7'; i++, digits++) {
            if (value > (Long.MAX_VALUE >> 3)) {
                throw badField(field, context);
            }
            value = (value << 3) | (block[i] - '0');
        }
        for (; i < end; i++) {
            if (block[i] != 0 && block[i] != ' ') {
                throw badField(field, context);
            }
        }
        return value;
    }

    private static long base256(byte[] block, int off, int len, String field, String context)
            throws CorruptArchiveException {
        long value = (block[off] & 0x40) != 0 ? -1 : 0;
        value = (value << 6) | (block[off] & 0x3F);
        for (int i = off + 1; i < off + len; i++) {
            long top = value >> 55;
            if (top != 0 && top != -1) {
                throw badField(field, context);
            }
            value = (value << 8) | (block[i] & 0xFF);
        }
        return value;
    }

    private static CorruptArchiveException badField(String field, String context) {
        return new CorruptArchiveException("invalid " + field + " field in entry '" + context + "'");
    }

    /** Sum of the block's bytes with the checksum field counted as spaces; old tars summed signed bytes. */
    static long checksum(byte[] block, boolean signed) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = (i >= CHKSUM && i < CHKSUM + 8) ? ' ' : signed ? block[i] : block[i] & 0xFF;
            sum += b;
        }
        return sum;
    }

    static void putBytes(byte[] block, int off, int len, byte[] value) {
        System.arraycopy(value, 0, block, off, Math.min(len, value.length));
    }

    /** Zero-padded octal digits filling the field but for a terminating NUL, as GNU tar writes them. */
    static void putOctal(byte[] block, int off, int len, long value) {
        block[off + len - 1] = 0;
        long v = value;
        for (int i = off + len - 2; i >= off; i--) {
            block[i] = (byte) ('0' + (v & 7));
            v >>>= 3;
        }
        if (v != 0) {
            throw new IllegalArgumentException("value " + value + " does not fit " + len + " bytes of octal");
        }
    }

    /** GNU base-256 for a non-negative value too large for octal. */
    static void putBase256(byte[] block, int off, int len, long value) {
        long v = value;
        for (int i = off + len - 1; i > off; i--) {
            block[i] = (byte) v;
            v >>>= 8;
        }
        block[off] = (byte) 0x80;
    }

    /** Magic "ustar\0", version "00", then the checksum over the finished block. */
    static void finish(byte[] block) {
        System.arraycopy(USTAR_MAGIC, 0, block, MAGIC, USTAR_MAGIC.length);
        long sum = checksum(block, false);
        putOctal(block, CHKSUM, 7, sum);
        block[CHKSUM + 7] = ' ';
    }
}
