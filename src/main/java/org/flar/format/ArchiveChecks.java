package org.flar.format;

import org.flar.entry.ContentDigest;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks the text sections' checksums and what a flar-format identification must declare. */
final class ArchiveChecks {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final String ID_SUM_PREFIX = Identification.IDENTIFICATION_SHA256 + "=";

    private ArchiveChecks() {
    }

    /**
     * Verifies {@code identification_sha256} over the raw bytes before parsing anything, so a
     * damaged identification is reported as such rather than as whatever the damage looks like.
     */
    static Identification identification(String archive, byte[] content) throws CorruptArchiveException {
        List<String> lines = new ArrayList<>();
        int lastStart = 0;
        for (int start = 0, i = 0; i < content.length; i++) {
            if (content[i] == '\n') {
                lines.add(new String(content, start, i - start, UTF_8));
                lastStart = start;
                start = i + 1;
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.toLowerCase(Locale.ROOT).startsWith(ID_SUM_PREFIX)) {
                continue;
            }
            if (i != lines.size() - 1) {
                throw corrupt(archive, "identification_sha256 is not the last line of the identification section");
            }
            String actual = HexFormat.of().formatHex(ContentDigest.newSha256().digest(Arrays.copyOf(content, lastStart)));
            if (!actual.equals(line.substring(ID_SUM_PREFIX.length()))) {
                throw corrupt(archive, "identification section damaged (identification_sha256 mismatch)");
            }
        }
        Identification id;
        try {
            id = Identification.parse(lines);
        } catch (IllegalArgumentException e) {
            throw corrupt(archive, e.getMessage());
        }
        String format = id.get(Identification.FLAR_FORMAT);
        if (format != null) {
            if (!format.equals("1")) {
                throw corrupt(archive, "unsupported flar_format " + Show.line(format) + " (this flar reads 1)");
            }
            for (String k : List.of(Identification.IDENTIFICATION_SHA256, Identification.SECTION_SHA256)) {
                if (!id.has(k)) {
                    throw corrupt(archive, "identification has flar_format but no " + k + " (damaged or forged)");
                }
            }
            require(archive, id, Identification.ARCHIVE_ID, HEX64);
            FlarKeywords.check(archive, id);
        }
        return id;
    }

    /** Every text section but the identification (and the signature of it) must be listed in section_sha256 with its hash, and nothing else. */
    static void sections(String archive, Identification id, Map<String, SectionSpool> sections) throws CorruptArchiveException {
        String value = id.get(Identification.SECTION_SHA256);
        if (value == null) {
            return;
        }
        Map<String, String> listed = parseSums(archive, value);
        for (Map.Entry<String, SectionSpool> s : sections.entrySet()) {
            String name = s.getKey();
            if (name.equals(FlashArchive.IDENTIFICATION) || name.equals(FlashArchive.SIGNATURE)) {
                continue;
            }
            String sum = listed.remove(name);
            if (sum == null) {
                throw corrupt(archive, "section " + Show.line(name) + " is not covered by section_sha256 (added after the archive was made?)");
            }
            if (!sum.equals(s.getValue().sha256())) {
                throw corrupt(archive, "section " + Show.line(name) + " damaged (SHA-256 mismatch)");
            }
        }
        if (!listed.isEmpty()) {
            throw corrupt(archive, "section_sha256 lists section " + Show.line(listed.keySet().iterator().next())
                    + ", which the archive lacks");
        }
    }

    private static Map<String, String> parseSums(String archive, String value) throws CorruptArchiveException {
        Map<String, String> sums = new LinkedHashMap<>();
        if (value.isEmpty()) {
            return sums;
        }
        for (String item : value.split(",", -1)) {
            int colon = item.lastIndexOf(':');
            String hex = colon < 0 ? "" : item.substring(colon + 1);
            if (colon <= 0 || !HEX64.matcher(hex).matches()) {
                throw corrupt(archive, "section_sha256 item '" + Show.line(item) + "' is not NAME:SHA256");
            }
            if (sums.put(item.substring(0, colon), hex) != null) {
                throw corrupt(archive, "section_sha256 lists section " + Show.line(item.substring(0, colon)) + " twice");
            }
        }
        return sums;
    }

    private static void require(String archive, Identification id, String keyword, Pattern pattern)
            throws CorruptArchiveException {
        String v = id.get(keyword);
        if (v == null || !pattern.matcher(v).matches()) {
            throw corrupt(archive, "identification has flar_format but " + keyword
                    + (v == null ? " is missing" : " '" + Show.line(v) + "' is malformed"));
        }
    }

    private static CorruptArchiveException corrupt(String archive, String message) {
        return new CorruptArchiveException(archive + ": " + message);
    }
}
