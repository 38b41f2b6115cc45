package org.flar.format;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.Xattr;

/**
 * One line of a differential's {@code metadata} section (docs/format.md, "Metadata-only
 * entries"): a file whose content is the base's but whose metadata changed, as its manifest line
 * (with the unchanged content's size and sha256) followed, when it has xattrs, by
 * {@code " values=" BASE64}: their values, in the line's xattr name order, each as a 4-byte
 * big-endian length and the bytes. The manifest itself carries only names and a sum; deployment
 * needs the values.
 */
public final class MetadataLine {
    private static final String VALUES = " values=";
    /** Bytes of xattr values a line carries at most; a file with more is re-sent whole, in the payload. */
    static final int MAX_VALUES = 256 << 10;

    private MetadataLine() {
    }

    /** Whether {@code e}'s xattrs are small enough for a metadata line (well under the 1 MiB line limit). */
    public static boolean fits(Entry e) {
        long bytes = 0;
        for (Xattr x : e.xattrs()) {
            bytes += 4 + x.length();
        }
        return bytes <= MAX_VALUES;
    }

    /** The line (without {@code \n}) of a file entry with its sha256 and its xattrs' values. */
    public static String format(Entry e) {
        if (e.type() != EntryType.FILE || e.sha256() == null) {
            throw new IllegalArgumentException("a metadata line is for a file with its sha256: " + e.path());
        }
        String line = ManifestLine.format(e);
        if (e.xattrs().isEmpty()) {
            return line;
        }
        List<Xattr> sorted = new ArrayList<>(e.xattrs());
        sorted.sort(Comparator.comparing(Xattr::name, ManifestLine.BYTE_ORDER));
        int size = 0;
        for (Xattr x : sorted) {
            size += 4 + x.length();
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        for (Xattr x : sorted) {
            b.putInt(x.length()).put(x.value());
        }
        return line + VALUES + Base64.getEncoder().encodeToString(b.array());
    }

    /**
     * Parses a line: a {@code file} entry with size, sha256 and its xattrs' values, checked against
     * the line's xattrsum. Errors are IllegalArgumentExceptions saying what is wrong.
     */
    public static Entry parse(String line) {
        int v = line.lastIndexOf(VALUES);
        String manifestPart = v < 0 ? line : line.substring(0, v);
        ManifestEntry m = ManifestLine.parse(manifestPart);
        Entry e = m.entry();
        if (e.type() != EntryType.FILE) {
            throw new IllegalArgumentException("type " + e.type().keyword() + " (only files are metadata-only)");
        }
        if (e.sha256() == null) {
            throw new IllegalArgumentException("no sha256= (the content the file must still have)");
        }
        if (m.xattrNames().isEmpty()) {
            if (v >= 0) {
                throw new IllegalArgumentException("values= without xattrs=");
            }
            return e;
        }
        if (v < 0) {
            throw new IllegalArgumentException("xattrs= without values=");
        }
        List<Xattr> xattrs = values(m.xattrNames(), line.substring(v + VALUES.length()));
        if (!ManifestLine.xattrSum(xattrs).equals(m.xattrSum())) {
            throw new IllegalArgumentException("xattr values do not match xattrsum");
        }
        return e.toBuilder().xattrs(xattrs).build();
    }

    private static List<Xattr> values(List<String> names, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        // One spelling only: padded standard base64, as the writer makes it.
        if (bytes == null || !Base64.getEncoder().encodeToString(bytes).equals(base64)) {
            throw new IllegalArgumentException("values= is not padded base64");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        List<Xattr> xattrs = new ArrayList<>(names.size());
        for (String name : names) {
            if (b.remaining() < 4) {
                throw new IllegalArgumentException("values= ends before the value of " + name);
            }
            int length = b.getInt();
            if (length < 0 || length > b.remaining()) {
                throw new IllegalArgumentException("values=: value of " + name + " runs past the end");
            }
            byte[] value = new byte[length];
            b.get(value);
            xattrs.add(new Xattr(name, value));
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException("values= holds more values than xattrs= names");
        }
        return xattrs;
    }
}
