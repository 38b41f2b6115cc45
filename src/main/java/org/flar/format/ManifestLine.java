package org.flar.format;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.Xattr;

/**
 * One line of the manifest section (docs/format.md, "Manifest section"). Lines are given and
 * returned without their trailing {@code \n}. Errors are IllegalArgumentExceptions whose message
 * says what is wrong; the caller adds the archive and line number.
 */
public final class ManifestLine {

    private static final String[] KEYWORDS = {"type", "mode", "uid", "gid", "uname", "gname", "mtime",
        "size", "sha256", "link", "dev", "xattrs", "xattrsum"};
    private static final long NANOS = 1_000_000_000L;

    /** Xattr names as the manifest lists them: by UTF-8 bytes, which Java's UTF-16 order is not quite. */
    static final Comparator<String> BYTE_ORDER = ManifestLine::compareCodePoints;

    private ManifestLine() {
    }

    /** The manifest line of {@code e}, without {@code \n}. Throws IllegalArgumentException for an entry the manifest cannot describe. */
    public static String format(Entry e) {
        return format(e, xattrNames(e.xattrs()), e.xattrs().isEmpty() ? null : xattrSum(e.xattrs()));
    }

    /** The line a parsed manifest entry came from: what a differential copies into its base section. */
    public static String format(ManifestEntry m) {
        return format(m.entry(), m.xattrNames(), m.xattrSum());
    }

    private static String format(Entry e, List<String> names, String sum) {
        checkConsistent(e);
        StringBuilder b = new StringBuilder(160);
        b.append(ManifestEscape.escape(e.path(), "path"));
        b.append(" type=").append(e.type().keyword());
        b.append(" mode=").append(octal4(e.mode()));
        b.append(" uid=").append(Integer.toUnsignedString(e.uid()));
        b.append(" gid=").append(Integer.toUnsignedString(e.gid()));
        if (e.user() != null && !e.user().isEmpty()) {
            b.append(" uname=").append(ManifestEscape.escape(e.user(), "uname"));
        }
        if (e.group() != null && !e.group().isEmpty()) {
            b.append(" gname=").append(ManifestEscape.escape(e.group(), "gname"));
        }
        b.append(" mtime=").append(formatMtime(e.mtimeNanos()));
        if (e.size() != 0) {
            b.append(" size=").append(e.size());
        }
        if (e.sha256() != null) {
            b.append(" sha256=").append(e.sha256());
        }
        if (e.linkTarget() != null) {
            b.append(" link=").append(ManifestEscape.escape(e.linkTarget(), "link"));
        }
        if (e.devMajor() != 0 || e.devMinor() != 0) {
            b.append(" dev=").append(Integer.toUnsignedString(e.devMajor()))
                    .append(',').append(Integer.toUnsignedString(e.devMinor()));
        }
        if (!names.isEmpty()) {
            b.append(" xattrs=");
            for (int i = 0; i < names.size(); i++) {
                b.append(i == 0 ? "" : ",").append(ManifestEscape.escape(names.get(i), "xattr name"));
            }
            b.append(" xattrsum=").append(sum);
        }
        return b.toString();
    }

    /** Parses one line (without {@code \n}). The returned entry has no xattrs: the manifest has only their names and sum. */
    public static ManifestEntry parse(String line) {
        if (line.isEmpty()) {
            throw new IllegalArgumentException("empty line");
        }
        String[] tokens = line.split(" ", -1);
        String path = ManifestEscape.unescape(tokens[0], "path");
        String[] values = new String[KEYWORDS.length];
        int last = -1;
        for (int t = 1; t < tokens.length; t++) {
            String token = tokens[t];
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(token.isEmpty() ? "empty token (two spaces or a trailing space)"
                        : "token '" + token + "' is not keyword=value");
            }
            String keyword = token.substring(0, eq);
            int k = indexOf(keyword);
            if (k < 0) {
                throw new IllegalArgumentException("unknown keyword '" + keyword + "'");
            }
            if (k <= last) {
                throw new IllegalArgumentException("keyword '" + keyword + "' repeated or out of order");
            }
            if (eq == token.length() - 1) {
                throw new IllegalArgumentException("empty value of '" + keyword + "'");
            }
            values[k] = token.substring(eq + 1);
            last = k;
        }
        for (String required : new String[] {"type", "mode", "uid", "gid", "mtime"}) {
            if (values[indexOf(required)] == null) {
                throw new IllegalArgumentException("missing " + required + "=");
            }
        }
        return build(path, values);
    }

    private static ManifestEntry build(String path, String[] v) {
        EntryType type = EntryType.fromKeyword(v[0]);
        Entry.Builder b = Entry.builder(path, type)
                .mode(parseMode(v[1]))
                .owner(parseU32(v[2], "uid"), parseU32(v[3], "gid"))
                .names(v[4] == null ? null : ManifestEscape.unescape(v[4], "uname"),
                        v[5] == null ? null : ManifestEscape.unescape(v[5], "gname"))
                .mtimeNanos(parseMtime(v[6]));
        if (v[7] != null) {
            long size = parseDecimal(v[7], "size", FlashArchive.MAX_FILE_SIZE);
            if (size == 0) {
                throw new IllegalArgumentException("size=0 (a zero size is left out)");
            }
            b.size(size);
        }
        if (v[8] != null) {
            b.sha256(v[8]); // checked by checkConsistent
        }
        if (v[9] != null) {
            b.linkTarget(ManifestEscape.unescape(v[9], "link"));
        }
        if (v[10] != null) {
            int comma = v[10].indexOf(',');
            if (comma < 0) {
                throw new IllegalArgumentException("dev '" + v[10] + "' is not MAJOR,MINOR");
            }
            int major = parseU32(v[10].substring(0, comma), "dev major");
            int minor = parseU32(v[10].substring(comma + 1), "dev minor");
            if (major == 0 && minor == 0) {
                throw new IllegalArgumentException("dev=0,0 (a zero device is left out)");
            }
            b.device(major, minor);
        }
        List<String> names = List.of();
        if (v[11] != null) {
            names = parseXattrNames(v[11]);
            if (v[12] == null) {
                throw new IllegalArgumentException("xattrs= without xattrsum=");
            }
        } else if (v[12] != null) {
            throw new IllegalArgumentException("xattrsum= without xattrs=");
        }
        String sum = v[12] == null ? null : checkHex(v[12], "xattrsum");
        Entry entry = b.build();
        checkConsistent(entry);
        return new ManifestEntry(entry, names, sum);
    }

    /** The rules a line must follow beyond its syntax, checked alike when writing and reading. */
    static void checkConsistent(Entry e) {
        ArchivePaths.check(e.path());
        EntryType t = e.type();
        if (t != EntryType.FILE && (e.size() != 0 || e.sha256() != null)) {
            throw new IllegalArgumentException("size and sha256 are for files, not " + t.keyword());
        }
        if (e.size() < 0) {
            throw new IllegalArgumentException("negative size " + e.size());
        }
        if (e.sha256() != null) {
            checkHex(e.sha256(), "sha256");
        }
        boolean linked = t == EntryType.SYMLINK || t == EntryType.HARDLINK;
        if (linked && (e.linkTarget() == null || e.linkTarget().isEmpty())) {
            throw new IllegalArgumentException(t.keyword() + " without link=");
        }
        if (!linked && e.linkTarget() != null) {
            throw new IllegalArgumentException("link= on a " + t.keyword());
        }
        if (t == EntryType.SYMLINK && e.linkTarget().indexOf('\0') >= 0) {
            throw new IllegalArgumentException("link target contains NUL");
        }
        if (t == EntryType.HARDLINK) {
            ArchivePaths.check(e.linkTarget());
            if (ArchivePaths.compare(e.linkTarget(), e.path()) >= 0) {
                throw new IllegalArgumentException("hardlink '" + e.path() + "' names '" + e.linkTarget()
                        + "', which is not an earlier entry");
            }
        }
        if (!t.isDevice() && (e.devMajor() != 0 || e.devMinor() != 0)) {
            throw new IllegalArgumentException("dev= on a " + t.keyword());
        }
        for (String name : new String[] {e.user(), e.group()}) {
            if (name != null && name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("user or group name contains NUL");
            }
        }
    }

    /**
     * The manifest's {@code xattrsum}: SHA-256 over, for each xattr by name in UTF-8 byte order,
     * the name's UTF-8 bytes, a NUL, the value length as 4 bytes big-endian and the value.
     */
    public static String xattrSum(List<Xattr> xattrs) {
        List<Xattr> sorted = new ArrayList<>(xattrs);
        sorted.sort(Comparator.comparing(Xattr::name, BYTE_ORDER));
        MessageDigest md = sha256();
        for (Xattr x : sorted) {
            md.update(x.name().getBytes(UTF_8));
            md.update((byte) 0);
            md.update(ByteBuffer.allocate(4).putInt(x.length()).array());
            md.update(x.value());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The names of {@code xattrs} in the manifest's order. */
    public static List<String> xattrNames(List<Xattr> xattrs) {
        return xattrs.stream().map(Xattr::name).sorted(BYTE_ORDER).toList();
    }

    /** See {@link ArchivePaths#compare}. */
    public static int comparePaths(String a, String b) {
        return ArchivePaths.compare(a, b);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String formatMtime(long nanos) {
        long sec = Math.floorDiv(nanos, NANOS);
        long ns = Math.floorMod(nanos, NANOS);
        String frac = Long.toString(ns);
        return sec + "." + "000000000".substring(frac.length()) + frac;
    }

    static String octal4(int mode) {
        String s = Integer.toOctalString(mode);
        return "0000".substring(s.length()) + s;
    }

    private static List<String> parseXattrNames(String value) {
        List<String> names = new ArrayList<>();
        for (String raw : value.split(",", -1)) {
            if (raw.isEmpty()) {
                throw new IllegalArgumentException("empty xattr name in '" + value + "'");
            }
            String name = ManifestEscape.unescape(raw, "xattr name");
            if (name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("xattr name contains NUL");
            }
            if (!names.isEmpty() && BYTE_ORDER.compare(names.getLast(), name) >= 0) {
                throw new IllegalArgumentException("xattr names not sorted or repeated at '" + name + "'");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    private static long parseMtime(String v) {
        int dot = v.indexOf('.');
        if (dot < 0 || v.length() - dot - 1 != 9) {
            throw new IllegalArgumentException("mtime '" + v + "' is not SECONDS.NNNNNNNNN");
        }
        boolean negative = v.startsWith("-");
        long sec = parseDecimal(v.substring(negative ? 1 : 0, dot), "mtime", Long.MAX_VALUE);
        long ns = parseDecimal(v.substring(dot + 1), "mtime", NANOS - 1);
        if (negative && sec == 0) {
            throw new IllegalArgumentException("mtime '" + v + "': negative zero (times are floored, -1 ns is -1.999999999)");
        }
        try {
            return Math.addExact(Math.multiplyExact(negative ? -sec : sec, NANOS), ns);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("mtime '" + v + "' out of range");
        }
    }

    private static int parseMode(String v) {
        if (v.length() != 4 || !allIn(v, '0', '7')) {
            throw new IllegalArgumentException("mode '" + v + "' is not four octal digits");
        }
        return Integer.parseInt(v, 8);
    }

    private static int parseU32(String v, String what) {
        return (int) parseDecimal(v, what, 0xFFFF_FFFFL);
    }

    private static long parseDecimal(String v, String what, long max) {
        if (v.isEmpty() || v.length() > 19 || !allIn(v, '0', '9')) {
            throw new IllegalArgumentException(what + " '" + v + "' is not a decimal number");
        }
        if (v.length() > 1 && v.charAt(0) == '0' && max != NANOS - 1) {
            throw new IllegalArgumentException(what + " '" + v + "' has a leading zero");
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > max) {
            throw new IllegalArgumentException(what + " " + v + " is too large");
        }
        return n;
    }

    private static String checkHex(String v, String what) {
        if (v.length() != 64 || !isLowerHex(v)) {
            throw new IllegalArgumentException(what + " '" + v + "' is not 64 lowercase hex digits");
        }
        return v;
    }

    private static boolean allIn(String v, char low, char high) {
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < low || v.charAt(i) > high) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerHex(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The position of {@code keyword} in {@link #KEYWORDS}, or -1. */
    private static int indexOf(String keyword) {
        return switch (keyword) {
            case "type" -> 0;
            case "mode" -> 1;
            case "uid" -> 2;
            case "gid" -> 3;
            case "uname" -> 4;
            case "gname" -> 5;
            case "mtime" -> 6;
            case "size" -> 7;
            case "sha256" -> 8;
            case "link" -> 9;
            case "dev" -> 10;
            case "xattrs" -> 11;
            case "xattrsum" -> 12;
            default -> -1;
        };
    }

    private static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return Integer.compare(a.codePointAt(i), b.codePointAt(i));
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
