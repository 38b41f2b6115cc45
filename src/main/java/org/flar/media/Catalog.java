package org.flar.media;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.flar.entry.ContentDigest;
import org.flar.format.CorruptArchiveException;

/**
 * {@code FLAR/CATALOG.TXT} of one volume: which set it belongs to, which volume it is, and its
 * pieces. Volume 1's catalog is the set's table: every piece of every volume, the number of
 * volumes, the whole archive's size and SHA-256 and its identification. Another volume lists its
 * own pieces, and the totals when they were known as it was mastered (not when it was captured
 * straight from a root: see docs/media.md). Text lines {@code keyword=value}; the last line,
 * {@code catalog_sha256}, covers the lines before it.
 *
 * @param volumes        the number of volumes, 0 when not known on this volume
 * @param archiveSize    -1 when not known on this volume
 * @param archiveSha256  null when not known on this volume
 * @param identification the archive's identification keywords (volume 1), for the person restoring
 */
public record Catalog(String setId, String setName, int volume, int volumes, long archiveSize, String archiveSha256,
                      Map<String, String> identification, List<Piece> pieces) {

    public static final String FILE = "FLAR/CATALOG.TXT";
    /** On volume 1 of a signed archive's set: the minisign public key of its signer. */
    public static final String SIGNER_KEY = "FLAR/SIGNER.PUB";
    static final String FORMAT = "flar_volume_set=1";
    /** Nobody's catalog is larger: 16 MiB is some 150,000 pieces. */
    static final int MAX_BYTES = 16 << 20;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SET_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern PIECE_FILE = Pattern.compile("FLAR/P[0-9]{4}");

    public Catalog {
        identification = new LinkedHashMap<>(identification);
        pieces = List.copyOf(pieces);
    }

    /** The volume label: {@code FLAR_<first 8 of the set id>_<volume>} (ISO 9660 d-characters, ≤ 32). */
    public static String label(String setId, int volume) {
        return "FLAR_" + setId.substring(0, 8).toUpperCase(java.util.Locale.ROOT) + "_" + volume;
    }

    public String label() {
        return label(setId, volume);
    }

    /** This volume's own pieces, in order. */
    public List<Piece> ownPieces() {
        return pieces.stream().filter(p -> p.volume() == volume).toList();
    }

    public byte[] format() {
        StringBuilder b = new StringBuilder();
        b.append(FORMAT).append('\n');
        line(b, "set_id", setId);
        line(b, "set_name", setName.replace('\n', ' '));
        line(b, "volume", Integer.toString(volume));
        if (volumes > 0) {
            line(b, "volumes", Integer.toString(volumes));
        }
        line(b, "label", label());
        if (archiveSize >= 0) {
            line(b, "archive_size", Long.toString(archiveSize));
        }
        if (archiveSha256 != null) {
            line(b, "archive_sha256", archiveSha256);
        }
        identification.forEach((k, v) -> line(b, "archive." + k, v.replace('\n', ' ')));
        for (Piece p : pieces) {
            line(b, "piece", p.volume() + " " + p.file() + " " + p.size() + " " + p.sha256());
        }
        line(b, "catalog_sha256", sha256(b.toString().getBytes(UTF_8)));
        return b.toString().getBytes(UTF_8);
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append(key).append('=').append(value).append('\n');
    }

    /** Parses and checks a catalog read from {@code where}; every problem is one line naming it. */
    public static Catalog parse(byte[] bytes, String where) throws CorruptArchiveException {
        if (bytes.length > MAX_BYTES) {
            throw bad(where, "larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw bad(where, "not UTF-8 text");
        }
        if (!text.startsWith(FORMAT + "\n") || !text.endsWith("\n")) {
            throw bad(where, "not a flar volume catalog (first line " + FORMAT + ")");
        }
        int last = text.lastIndexOf("\ncatalog_sha256=");
        if (last < 0) {
            throw bad(where, "no catalog_sha256 line: truncated");
        }
        String covered = text.substring(0, last + 1);
        String sum = text.substring(last + "\ncatalog_sha256=".length(), text.length() - 1);
        if (!sum.equals(sha256(covered.getBytes(UTF_8)))) {
            throw bad(where, "damaged: catalog_sha256 does not match its content");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, String> id = new LinkedHashMap<>();
        List<Piece> pieces = new ArrayList<>();
        for (String line : covered.substring(FORMAT.length() + 1).split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw bad(where, "bad line '" + line + "'");
            }
            String k = line.substring(0, eq);
            String v = line.substring(eq + 1);
            if (k.equals("piece")) {
                pieces.add(piece(v, where));
            } else if (k.startsWith("archive.")) {
                id.put(k.substring("archive.".length()), v);
            } else if (keys.put(k, v) != null) {
                throw bad(where, k + " given twice");
            }
        }
        String setId = require(keys, "set_id", where);
        if (!SET_ID.matcher(setId).matches()) {
            throw bad(where, "set_id is not 32 hex digits");
        }
        int volume = (int) number(keys, "volume", 1, 9999, where);
        int volumes = keys.containsKey("volumes") ? (int) number(keys, "volumes", volume, 9999, where) : 0;
        long archiveSize = keys.containsKey("archive_size") ? number(keys, "archive_size", 1, Long.MAX_VALUE, where) : -1;
        String archiveSha = keys.get("archive_sha256");
        if (archiveSha != null && !HEX64.matcher(archiveSha).matches()) {
            throw bad(where, "archive_sha256 is not 64 hex digits");
        }
        Catalog c = new Catalog(setId, require(keys, "set_name", where), volume, volumes, archiveSize, archiveSha,
                id, pieces);
        if (!c.label().equals(keys.get("label"))) {
            throw bad(where, "label " + keys.get("label") + " does not name set " + setId + " volume " + volume);
        }
        c.checkPieces(where);
        return c;
    }

    /** Volume 1 lists every volume's pieces in order; another volume lists only its own. */
    private void checkPieces(String where) throws CorruptArchiveException {
        int previous = 1;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Piece p : pieces) {
            if (volume != 1 && p.volume() != volume) {
                throw bad(where, "lists a piece of volume " + p.volume() + " (only volume 1 lists other volumes' pieces)");
            }
            if (p.volume() < previous || (volumes > 0 && p.volume() > volumes)) {
                throw bad(where, "pieces out of order or beyond the last volume at " + p.describe());
            }
            if (!seen.add(p.volume() + " " + p.file())) {
                throw bad(where, p.describe() + " listed twice");
            }
            previous = p.volume();
        }
        if (volume == 1 && (volumes == 0 || archiveSize < 0 || archiveSha256 == null)) {
            throw bad(where, "volume 1 must give volumes, archive_size and archive_sha256");
        }
        long total = 0;
        for (Piece p : pieces) {
            try {
                // Each size has at most 18 digits, but enough of them would wrap a plain sum round to archive_size.
                total = Math.addExact(total, p.size());
            } catch (ArithmeticException e) {
                throw bad(where, "the pieces' sizes add up past 2^63");
            }
        }
        if (volume == 1 && total != archiveSize) {
            throw bad(where, "the pieces do not add up to archive_size " + archiveSize);
        }
    }

    private static Piece piece(String v, String where) throws CorruptArchiveException {
        String[] f = v.split(" ");
        if (f.length != 4 || !PIECE_FILE.matcher(f[1]).matches() || !HEX64.matcher(f[3]).matches()
                || !f[0].matches("[1-9][0-9]{0,3}") || !f[2].matches("[1-9][0-9]{0,17}")) {
            throw bad(where, "bad piece line 'piece=" + v + "'");
        }
        return new Piece(Integer.parseInt(f[0]), f[1], Long.parseLong(f[2]), f[3]);
    }

    private static String require(Map<String, String> keys, String k, String where) throws CorruptArchiveException {
        String v = keys.get(k);
        if (v == null) {
            throw bad(where, "no " + k + " line");
        }
        return v;
    }

    private static long number(Map<String, String> keys, String k, long min, long max, String where)
            throws CorruptArchiveException {
        String v = require(keys, k, where);
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max && v.equals(Long.toString(n))) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(where, k + "=" + v + " is not a number from " + min + " to " + max);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(ContentDigest.newSha256().digest(bytes));
    }

    private static CorruptArchiveException bad(String where, String problem) {
        return new CorruptArchiveException(where + ": catalog " + FILE + ": " + problem);
    }
}
