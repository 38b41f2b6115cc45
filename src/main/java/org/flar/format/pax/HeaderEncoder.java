package org.flar.format.pax;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.SparseMap;

/**
 * Everything that goes in front of an entry's stored bytes: the pax 'x' header, the ustar block
 * and, for a sparse file, the GNU 1.0 map that opens its data.
 */
final class HeaderEncoder {
    static final int MAX_HEADER = PaxReader.MAX_HEADER;

    private HeaderEncoder() {
    }

    /** What precedes the content, and how many content bytes follow it. */
    record Encoded(byte[] bytes, long contentSize) {
    }

    static Encoded encode(Entry e) throws IOException {
        String path = checkPath(e);
        byte[] pathBytes = Text.encode(path, "path", path);
        PaxHeaderBuilder pax = new PaxHeaderBuilder();
        byte[] block = new byte[UstarHeader.BLOCK];

        byte[] map = new byte[0];
        SparseMap sparse = e.sparse();
        if (sparse != null) {
            map = sparseMap(e, sparse);
            UstarHeader.putBytes(block, UstarHeader.NAME, UstarHeader.NAME_LEN,
                    truncate(besideName(pathBytes, "GNUSparseFile.0"), UstarHeader.NAME_LEN));
        } else {
            putName(block, archivedName(e, pathBytes), pax);
        }
        long dataSize = map.length + e.storedSize();
        putLink(e, block, pax);
        putNumber(block, UstarHeader.SIZE, 12, dataSize, UstarHeader.MAX_OCTAL_12, "size", pax);
        putNumber(block, UstarHeader.UID, 8, Integer.toUnsignedLong(e.uid()), UstarHeader.MAX_OCTAL_8, "uid", pax);
        putNumber(block, UstarHeader.GID, 8, Integer.toUnsignedLong(e.gid()), UstarHeader.MAX_OCTAL_8, "gid", pax);
        putOwnerName(block, UstarHeader.UNAME, e.user(), "uname", path, pax);
        putOwnerName(block, UstarHeader.GNAME, e.group(), "gname", path, pax);
        pax.add("mtime", PaxTime.format(e.mtimeNanos()));
        if (sparse != null) {
            pax.add("GNU.sparse.major", "1");
            pax.add("GNU.sparse.minor", "0");
            pax.add("GNU.sparse.name", pathBytes);
            pax.add("GNU.sparse.realsize", Long.toString(sparse.realSize()));
        }
        XattrRecords.write(e, pax);
        if (pax.size() > MAX_HEADER) {
            throw new IOException("pax header of entry '" + path + "' would be " + pax.size()
                    + " bytes, more than " + MAX_HEADER);
        }

        long seconds = ustarSeconds(e.mtimeNanos());
        UstarHeader.putOctal(block, UstarHeader.MODE, 8, e.mode());
        UstarHeader.putOctal(block, UstarHeader.MTIME, 12, seconds);
        block[UstarHeader.TYPEFLAG] = typeflag(e.type());
        putDevice(e, block);
        UstarHeader.finish(block);

        byte[] records = pax.toByteArray();
        byte[] paxBlock = paxHeaderBlock(pathBytes, records.length, seconds);
        int paddedRecords = padded(records.length);
        byte[] out = new byte[UstarHeader.BLOCK + paddedRecords + UstarHeader.BLOCK + map.length];
        System.arraycopy(paxBlock, 0, out, 0, UstarHeader.BLOCK);
        System.arraycopy(records, 0, out, UstarHeader.BLOCK, records.length);
        System.arraycopy(block, 0, out, UstarHeader.BLOCK + paddedRecords, UstarHeader.BLOCK);
        System.arraycopy(map, 0, out, 2 * UstarHeader.BLOCK + paddedRecords, map.length);
        return new Encoded(out, e.storedSize());
    }

    private static String checkPath(Entry e) throws IOException {
        String path = e.path();
        if (path == null || path.isEmpty() || e.type() == null) {
            throw new IOException("entry without path or type: " + e);
        }
        // A reader strips "./" and trailing '/', so such a path would not come back as written.
        if (path.indexOf('\0') >= 0 || path.startsWith("/") || path.startsWith("./") || path.endsWith("/")
                || (path.equals(".") && e.type() != EntryType.DIRECTORY)) {
            throw new IOException("entry path '" + path + "' is not a relative flar path");
        }
        if (e.size() < 0 || (e.sparse() != null && e.type() != EntryType.FILE)) {
            throw new IOException("entry '" + path + "' has a negative size or a sparse map but is no file");
        }
        return path;
    }

    private static byte[] sparseMap(Entry e, SparseMap sparse) throws IOException {
        if (sparse.realSize() != e.size()) {
            throw new IOException("sparse map of entry '" + e.path() + "' ends at " + sparse.realSize()
                    + " but the file size is " + e.size());
        }
        List<SparseMap.Segment> stored = SparseMapCodec.stored(sparse);
        if (stored.size() > SparseMapCodec.MAX_SEGMENTS) {
            throw new IOException("entry '" + e.path() + "' has " + stored.size() + " sparse segments, more than "
                    + SparseMapCodec.MAX_SEGMENTS + "; store it whole");
        }
        return SparseMapCodec.encode(stored);
    }

    /** Directories end in '/', the root is "./". */
    private static byte[] archivedName(Entry e, byte[] pathBytes) {
        if (e.type() != EntryType.DIRECTORY) {
            return pathBytes;
        }
        if (e.isRoot()) {
            return "./".getBytes(StandardCharsets.US_ASCII);
        }
        byte[] name = Arrays.copyOf(pathBytes, pathBytes.length + 1);
        name[pathBytes.length] = '/';
        return name;
    }

    /** ustar name, or name plus prefix split at a '/', or a pax path with the name field truncated. */
    private static void putName(byte[] block, byte[] name, PaxHeaderBuilder pax) {
        if (Text.isAscii(name)) {
            if (name.length <= UstarHeader.NAME_LEN) {
                UstarHeader.putBytes(block, UstarHeader.NAME, UstarHeader.NAME_LEN, name);
                return;
            }
            int split = splitPoint(name);
            if (split > 0) {
                UstarHeader.putBytes(block, UstarHeader.PREFIX, UstarHeader.PREFIX_LEN, Arrays.copyOf(name, split));
                UstarHeader.putBytes(block, UstarHeader.NAME, UstarHeader.NAME_LEN,
                        Arrays.copyOfRange(name, split + 1, name.length));
                return;
            }
        }
        pax.add("path", name);
        UstarHeader.putBytes(block, UstarHeader.NAME, UstarHeader.NAME_LEN, truncate(name, UstarHeader.NAME_LEN));
    }

    /** The first '/' that leaves at most 155 bytes before it and 1 to 100 after it, or -1. */
    static int splitPoint(byte[] name) {
        int from = Math.max(1, name.length - UstarHeader.NAME_LEN - 1);
        int to = Math.min(UstarHeader.PREFIX_LEN, name.length - 2);
        for (int i = from; i <= to; i++) {
            if (name[i] == '/') {
                return i;
            }
        }
        return -1;
    }

    private static void putLink(Entry e, byte[] block, PaxHeaderBuilder pax) throws IOException {
        if (e.type() != EntryType.HARDLINK && e.type() != EntryType.SYMLINK) {
            return;
        }
        String target = e.linkTarget();
        if (target == null || target.isEmpty() || target.indexOf('\0') >= 0) {
            throw new IOException("link entry '" + e.path() + "' has no usable target");
        }
        byte[] bytes = Text.encode(target, "link target", e.path());
        if (!Text.isAscii(bytes) || bytes.length > UstarHeader.LINKNAME_LEN) {
            pax.add("linkpath", bytes);
        }
        UstarHeader.putBytes(block, UstarHeader.LINKNAME, UstarHeader.LINKNAME_LEN,
                truncate(bytes, UstarHeader.LINKNAME_LEN));
    }

    /** Octal when it fits, else a pax record and 0 in the field, as GNU tar does. */
    private static void putNumber(byte[] block, int off, int len, long value, long max, String key,
                                  PaxHeaderBuilder pax) {
        if (value <= max) {
            UstarHeader.putOctal(block, off, len, value);
        } else {
            pax.add(key, Long.toString(value));
            UstarHeader.putOctal(block, off, len, 0);
        }
    }

    private static void putOwnerName(byte[] block, int off, String name, String key, String path,
                                     PaxHeaderBuilder pax) throws IOException {
        if (name == null || name.isEmpty()) {
            return;
        }
        byte[] bytes = Text.encode(name, key, path);
        if (Text.hasNul(bytes)) {
            throw new IOException(key + " of entry '" + path + "' contains NUL");
        }
        // Keep room for the terminating NUL some readers expect.
        if (Text.isAscii(bytes) && bytes.length < UstarHeader.OWNER_NAME_LEN) {
            UstarHeader.putBytes(block, off, UstarHeader.OWNER_NAME_LEN, bytes);
        } else {
            pax.add(key, bytes);
        }
    }

    private static void putDevice(Entry e, byte[] block) throws IOException {
        long major = e.type().isDevice() ? e.devMajor() : 0;
        long minor = e.type().isDevice() ? e.devMinor() : 0;
        if (major < 0 || minor < 0) {
            throw new IOException("device entry '" + e.path() + "' has a negative number");
        }
        putDeviceNumber(block, UstarHeader.DEVMAJOR, major);
        putDeviceNumber(block, UstarHeader.DEVMINOR, minor);
    }

    private static void putDeviceNumber(byte[] block, int off, long value) {
        if (value <= UstarHeader.MAX_OCTAL_8) {
            UstarHeader.putOctal(block, off, 8, value);
        } else {
            UstarHeader.putBase256(block, off, 8, value);
        }
    }

    /** The ustar field cannot hold times before the epoch; the pax mtime record carries them. */
    private static long ustarSeconds(long nanos) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        return seconds >= 0 && seconds <= UstarHeader.MAX_OCTAL_12 ? seconds : 0;
    }

    private static byte typeflag(EntryType type) {
        return switch (type) {
            case FILE -> '0';
            case HARDLINK -> '1';
            case SYMLINK -> '2';
            case CHAR_DEVICE -> '3';
            case BLOCK_DEVICE -> '4';
            case DIRECTORY -> '5';
            case FIFO -> '6';
        };
    }

    /** GNU tar's names: %d/PaxHeaders/%f for the 'x' block, %d/GNUSparseFile.%p/%f for sparse files. */
    static byte[] besideName(byte[] path, String middle) {
        int slash = path.length - 1;
        while (slash >= 0 && path[slash] != '/') {
            slash--;
        }
        byte[] dir = slash < 0 ? new byte[] {'.'} : Arrays.copyOf(path, slash);
        byte[] mid = ("/" + middle + "/").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[dir.length + mid.length + path.length - slash - 1];
        System.arraycopy(dir, 0, out, 0, dir.length);
        System.arraycopy(mid, 0, out, dir.length, mid.length);
        System.arraycopy(path, slash + 1, out, dir.length + mid.length, path.length - slash - 1);
        return out;
    }

    private static byte[] paxHeaderBlock(byte[] pathBytes, int recordsLength, long seconds) {
        byte[] block = new byte[UstarHeader.BLOCK];
        UstarHeader.putBytes(block, UstarHeader.NAME, UstarHeader.NAME_LEN,
                truncate(besideName(pathBytes, "PaxHeaders"), UstarHeader.NAME_LEN));
        UstarHeader.putOctal(block, UstarHeader.MODE, 8, 0644);
        UstarHeader.putOctal(block, UstarHeader.UID, 8, 0);
        UstarHeader.putOctal(block, UstarHeader.GID, 8, 0);
        UstarHeader.putOctal(block, UstarHeader.SIZE, 12, recordsLength);
        UstarHeader.putOctal(block, UstarHeader.MTIME, 12, seconds);
        block[UstarHeader.TYPEFLAG] = 'x';
        UstarHeader.putOctal(block, UstarHeader.DEVMAJOR, 8, 0);
        UstarHeader.putOctal(block, UstarHeader.DEVMINOR, 8, 0);
        UstarHeader.finish(block);
        return block;
    }

    /** At most {@code max} bytes, cut before a UTF-8 continuation byte so the field stays valid. */
    static byte[] truncate(byte[] bytes, int max) {
        if (bytes.length <= max) {
            return bytes;
        }
        int cut = max;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) {
            cut--;
        }
        return Arrays.copyOf(bytes, cut);
    }

    static int padded(long length) {
        return (int) ((length + UstarHeader.BLOCK - 1) / UstarHeader.BLOCK * UstarHeader.BLOCK);
    }
}
