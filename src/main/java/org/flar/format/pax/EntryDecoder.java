package org.flar.format.pax;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.SparseMap;
import org.flar.entry.Xattr;
import org.flar.format.CorruptArchiveException;
import org.flar.format.FlashArchive;

/** Turns a ustar header and the extended headers before it into an {@link Entry}. */
final class EntryDecoder {
    private static final long MAX_ID = 0xFFFFFFFFL;
    private static final long NS = 1_000_000_000L;

    private EntryDecoder() {
    }

    /**
     * @param dataSize      bytes of entry data the header announces
     * @param dataRemaining bytes of entry data still unread (less than dataSize after a sparse map)
     */
    record Decoded(Entry entry, long dataSize, long dataRemaining) {
    }

    static Decoded decode(UstarHeader h, PendingHeaders pending, BlockInput in, String context) throws IOException {
        byte[] rawPath = first(pending.value("GNU.sparse.name"), pending.value("path"), pending.longName(), h.name());
        String archived = name(rawPath, "path", context);
        String path = normalise(archived);
        EntryType type = type(h.typeflag(), archived, path);

        long dataSize = pending.value("size") != null ? number(pending, "size", path) : h.size();
        if (dataSize < 0) {
            throw new CorruptArchiveException("negative size in entry '" + path + "'");
        }
        checkSize(dataSize, "size", path);
        Entry.Builder b = Entry.builder(path, type)
                .mode(h.mode())
                .owner(id(pending, "uid", h.uid(), path), id(pending, "gid", h.gid(), path))
                .names(ownerName(pending, "uname", h.uname(), path), ownerName(pending, "gname", h.gname(), path))
                .mtimeNanos(mtime(pending, h.mtime(), path));

        if (type == EntryType.HARDLINK || type == EntryType.SYMLINK) {
            String target = name(first(pending.value("linkpath"), pending.longLink(), h.linkname()), "link target", path);
            b.linkTarget(type == EntryType.HARDLINK ? normalise(target) : target);
        }
        if (type.isDevice()) {
            b.device(device(pending, "SCHILY.devmajor", h.devMajor(), path),
                    device(pending, "SCHILY.devminor", h.devMinor(), path));
        }
        b.xattrs(xattrs(pending, path));

        long dataRemaining = dataSize;
        Sparse sparse = sparse(pending, type, dataSize, in, path);
        if (sparse != null) {
            dataRemaining = dataSize - sparse.mapBytes();
            b.sparse(sparse.map()).size(sparse.map().realSize());
        } else if (type == EntryType.FILE) {
            b.size(dataSize);
        }
        return new Decoded(b.build(), dataSize, dataRemaining);
    }

    @SafeVarargs
    private static <T> T first(T... candidates) {
        for (T c : candidates) {
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private static String name(byte[] raw, String what, String context) throws CorruptArchiveException {
        if (raw == null || raw.length == 0) {
            throw new CorruptArchiveException("empty " + what + " in entry '" + context + "'");
        }
        if (Text.hasNul(raw)) {
            throw new CorruptArchiveException(what + " contains NUL in entry '" + context + "'");
        }
        return Text.decode(raw, what, context);
    }

    /** Drops leading "./" and trailing '/'; the root, "./" or ".", becomes ".". Safety is the deployer's job. */
    static String normalise(String name) {
        int start = 0;
        while (name.startsWith("./", start)) {
            start += 2;
        }
        int end = name.length();
        while (end - start > 1 && name.charAt(end - 1) == '/') {
            end--;
        }
        String s = name.substring(start, end);
        return s.isEmpty() || s.equals(".") ? "." : s;
    }

    private static EntryType type(byte flag, String archived, String path) throws CorruptArchiveException {
        return switch (flag) {
            // Pre-POSIX tars mark directories by a trailing '/' on a typeflag NUL entry.
            case 0 -> archived.endsWith("/") ? EntryType.DIRECTORY : EntryType.FILE;
            case '0', '7' -> EntryType.FILE;
            case '1' -> EntryType.HARDLINK;
            case '2' -> EntryType.SYMLINK;
            case '3' -> EntryType.CHAR_DEVICE;
            case '4' -> EntryType.BLOCK_DEVICE;
            case '5' -> EntryType.DIRECTORY;
            case '6' -> EntryType.FIFO;
            default -> throw new CorruptArchiveException("unsupported entry type '"
                    + (flag >= 0x20 && flag < 0x7F ? String.valueOf((char) flag) : "\\" + Integer.toOctalString(flag & 0xFF))
                    + "' in entry '" + path + "'");
        };
    }

    private static long number(PendingHeaders pending, String key, String path) throws CorruptArchiveException {
        return PaxNumbers.parse(Text.decode(pending.value(key), key, path), key, path);
    }

    /** Linux ids are unsigned 32-bit; Entry keeps them in an int. */
    private static int id(PendingHeaders pending, String key, long field, String path) throws CorruptArchiveException {
        long v = pending.value(key) != null ? number(pending, key, path) : field;
        if (v < 0 || v > MAX_ID) {
            throw new CorruptArchiveException(key + " " + v + " out of range in entry '" + path + "'");
        }
        return (int) v;
    }

    private static String ownerName(PendingHeaders pending, String key, byte[] field, String path)
            throws CorruptArchiveException {
        byte[] raw = first(pending.value(key), field);
        if (raw.length == 0) {
            return null;
        }
        if (Text.hasNul(raw)) {
            throw new CorruptArchiveException(key + " contains NUL in entry '" + path + "'");
        }
        return Text.decode(raw, key, path);
    }

    private static long mtime(PendingHeaders pending, long field, String path) throws CorruptArchiveException {
        if (pending.value("mtime") != null) {
            return PaxTime.parse(Text.decode(pending.value("mtime"), "mtime", path), "mtime", path);
        }
        try {
            return Math.multiplyExact(field, NS);
        } catch (ArithmeticException e) {
            throw new CorruptArchiveException("mtime out of range in entry '" + path + "'");
        }
    }

    private static int device(PendingHeaders pending, String key, long field, String path)
            throws CorruptArchiveException {
        long v = pending.value(key) != null ? number(pending, key, path) : field;
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new CorruptArchiveException("device number " + v + " out of range in entry '" + path + "'");
        }
        return (int) v;
    }

    private static List<Xattr> xattrs(PendingHeaders pending, String path)
            throws CorruptArchiveException {
        XattrRecords collector = new XattrRecords();
        for (Map.Entry<String, byte[]> r : pending.records().entrySet()) {
            collector.accept(r.getKey(), r.getValue(), path);
        }
        return collector.build(path);
    }

    /** A sparse map and the bytes it took at the front of the entry data (0 for format 0.1). */
    private record Sparse(SparseMap map, long mapBytes) {
    }

    /** GNU sparse 1.0 (map at the front of the data) or 0.1 (map in a record); null when not sparse. */
    private static Sparse sparse(PendingHeaders pending, EntryType type, long dataSize, BlockInput in,
                                    String path) throws IOException {
        boolean v1 = pending.value("GNU.sparse.major") != null || pending.value("GNU.sparse.minor") != null;
        boolean v01 = pending.value("GNU.sparse.map") != null || pending.value("GNU.sparse.numblocks") != null;
        if (pending.value("GNU.sparse.offset") != null || pending.value("GNU.sparse.numbytes") != null) {
            throw new CorruptArchiveException("GNU sparse format 0.0 is not supported (entry '" + path + "')");
        }
        if (!v1 && !v01) {
            return null;
        }
        if (type != EntryType.FILE) {
            throw new CorruptArchiveException("sparse records on a non-file in entry '" + path + "'");
        }
        if (v1) {
            String major = Text.decode(first(pending.value("GNU.sparse.major"), new byte[0]), "GNU.sparse.major", path);
            String minor = Text.decode(first(pending.value("GNU.sparse.minor"), new byte[0]), "GNU.sparse.minor", path);
            if (!major.equals("1") || !minor.equals("0")) {
                throw new CorruptArchiveException("unsupported GNU sparse format " + Text.clip(major) + "."
                        + Text.clip(minor) + " in entry '" + path + "'");
            }
            long realSize = checkSize(required(pending, "GNU.sparse.realsize", path), "GNU.sparse.realsize", path);
            SparseMapCodec.Read read = SparseMapCodec.read(in, dataSize, path);
            SparseMap map = SparseMapCodec.toMap(read, realSize, path);
            checkStored(map, dataSize - read.bytes(), path);
            return new Sparse(map, read.bytes());
        }
        long realSize = checkSize(pending.value("GNU.sparse.size") != null
                ? number(pending, "GNU.sparse.size", path) : required(pending, "GNU.sparse.realsize", path),
                "GNU.sparse.size", path);
        String text = Text.decode(first(pending.records().get("GNU.sparse.map"), new byte[0]), "GNU.sparse.map", path);
        SparseMap map = SparseMapCodec.toMap(SparseMapCodec.parse01(text, path), realSize, path);
        checkStored(map, dataSize, path);
        return new Sparse(map, 0);
    }

    /**
     * A logical size is bounded before anything depends on it: the holes of a sparse file are
     * hashed as zeros, so a real size of 2^62 would keep a reader hashing for ever.
     */
    private static long checkSize(long size, String key, String path) throws CorruptArchiveException {
        if (size > FlashArchive.MAX_FILE_SIZE) {
            throw new CorruptArchiveException(key + " " + size + " of entry '" + path + "' is more than the "
                    + FlashArchive.MAX_FILE_SIZE + " bytes (16 TiB) a flash archive holds per file");
        }
        return size;
    }

    private static long required(PendingHeaders pending, String key, String path) throws CorruptArchiveException {
        if (pending.value(key) == null) {
            throw new CorruptArchiveException("sparse entry '" + path + "' lacks " + key);
        }
        return number(pending, key, path);
    }

    /** The segments must account for exactly the data stored after the map. */
    private static void checkStored(SparseMap map, long stored, String path) throws CorruptArchiveException {
        if (map.storedSize() != stored) {
            throw new CorruptArchiveException("sparse map of entry '" + path + "' covers " + map.storedSize()
                    + " bytes but " + stored + " are stored");
        }
    }
}
