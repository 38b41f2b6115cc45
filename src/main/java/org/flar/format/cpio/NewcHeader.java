package org.flar.format.cpio;

import static java.nio.charset.StandardCharsets.US_ASCII;

import org.flar.format.CorruptArchiveException;

/** The 110-byte header of SVR4 "newc" (070701) and "crc" (070702) cpio: a magic and thirteen 8-digit hex numbers. */
final class NewcHeader {

    static final int LENGTH = 110;
    static final String MAGIC = "070701";
    static final String MAGIC_CRC = "070702";
    static final String TRAILER = "TRAILER!!!";

    static final int S_IFMT = 0170000;
    static final int S_IFSOCK = 0140000;
    static final int S_IFLNK = 0120000;
    static final int S_IFREG = 0100000;
    static final int S_IFBLK = 0060000;
    static final int S_IFDIR = 0040000;
    static final int S_IFCHR = 0020000;
    static final int S_IFIFO = 0010000;

    boolean crc;
    long ino;
    long mode;
    long uid;
    long gid;
    long nlink;
    long mtime;
    long fileSize;
    long devMajor;
    long devMinor;
    long rdevMajor;
    long rdevMinor;
    long nameSize;
    long check;

    byte[] encode() {
        StringBuilder b = new StringBuilder(LENGTH).append(crc ? MAGIC_CRC : MAGIC);
        for (long v : new long[] {ino, mode, uid, gid, nlink, mtime, fileSize, devMajor, devMinor, rdevMajor,
            rdevMinor, nameSize, check}) {
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("cpio header field out of range: " + v);
            }
            String hex = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
            b.append("00000000", hex.length(), 8).append(hex);
        }
        return b.toString().getBytes(US_ASCII);
    }

    /** Parses a header; {@code where} describes its position for the error message. */
    static NewcHeader decode(byte[] raw, String where) throws CorruptArchiveException {
        String magic = new String(raw, 0, 6, US_ASCII);
        NewcHeader h = new NewcHeader();
        if (magic.equals(MAGIC_CRC)) {
            h.crc = true;
        } else if (!magic.equals(MAGIC)) {
            throw new CorruptArchiveException("cpio: no newc header " + where + " (magic '"
                    + printable(raw, 6) + "', expected 070701)");
        }
        long[] f = new long[13];
        for (int i = 0; i < 13; i++) {
            long v = 0;
            for (int k = 0; k < 8; k++) {
                int d = Character.digit(raw[6 + i * 8 + k], 16);
                if (d < 0) {
                    throw new CorruptArchiveException("cpio: malformed newc header " + where + " (non-hex digit)");
                }
                v = v << 4 | d;
            }
            f[i] = v;
        }
        h.ino = f[0];
        h.mode = f[1];
        h.uid = f[2];
        h.gid = f[3];
        h.nlink = f[4];
        h.mtime = f[5];
        h.fileSize = f[6];
        h.devMajor = f[7];
        h.devMinor = f[8];
        h.rdevMajor = f[9];
        h.rdevMinor = f[10];
        h.nameSize = f[11];
        h.check = f[12];
        return h;
    }

    static int padding(long offset) {
        return (int) ((4 - (offset & 3)) & 3);
    }

    private static String printable(byte[] raw, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = raw[i] & 0xff;
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return b.toString();
    }
}
