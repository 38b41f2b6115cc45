package org.flar.identity.bundle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flar.entry.ContentDigest;
import org.flar.format.ManifestEscape;

/**
 * The last entry of an identity bundle ({@value #NAME}), in text: where the bundle comes from,
 * what was changed, what the unconfiguration created, the manifest line (metadata and SHA-256)
 * of every saved entry in order, and {@code bundle_sha256} over all the lines before it.
 * docs/identity.md describes it.
 *
 * @param keywords {@code flar_identity}, {@code bundle_id}, {@code archive_id} (empty when not
 *                 bound to an archive), {@code profile}, {@code os}
 * @param changes  "ACTION ITEM PATH" of each change
 * @param created  paths that did not exist before and were made (new ssh host keys)
 * @param expected "STATE PATH" of every changed or created path right after unconfiguring
 *                 ({@link PathState}); empty for a bundle taken at capture
 * @param entries  manifest lines of the saved entries, in bundle order
 */
record BundleIndex(Map<String, String> keywords, List<String> changes, List<String> created,
                   List<String> expected, List<String> entries) {
    static final String NAME = ".flar-identity";
    static final String VERSION = "1";

    BundleIndex {
        keywords = new LinkedHashMap<>(keywords);
        changes = List.copyOf(changes);
        created = List.copyOf(created);
        expected = List.copyOf(expected);
        entries = List.copyOf(entries);
    }

    String archiveId() {
        return keywords.getOrDefault("archive_id", "");
    }

    String bundleId() {
        return keywords.get("bundle_id");
    }

    byte[] encode() {
        StringBuilder b = new StringBuilder();
        keywords.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        changes.forEach(c -> b.append("change=").append(c).append('\n'));
        created.forEach(c -> b.append("created=").append(ManifestEscape.escape(c, "path")).append('\n'));
        expected.forEach(c -> b.append("expect=").append(c).append('\n'));
        entries.forEach(e -> b.append("entry=").append(e).append('\n'));
        String sum = sha256(b.toString());
        b.append("bundle_sha256=").append(sum).append('\n');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses and checks bundle_sha256; IllegalArgumentException says what is wrong. */
    static BundleIndex decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int last = text.lastIndexOf("bundle_sha256=");
        if (last < 0 || (last > 0 && text.charAt(last - 1) != '\n') || !text.endsWith("\n")) {
            throw new IllegalArgumentException("index has no bundle_sha256 line");
        }
        String sum = text.substring(last + "bundle_sha256=".length(), text.length() - 1);
        if (!sum.equals(sha256(text.substring(0, last)))) {
            throw new IllegalArgumentException("bundle_sha256 does not match the index (the bundle was altered)");
        }
        Map<String, String> keywords = new LinkedHashMap<>();
        List<String> changes = new ArrayList<>();
        List<String> created = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (String line : text.substring(0, last).split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("index line without '=': " + line);
            }
            String k = line.substring(0, eq);
            String v = line.substring(eq + 1);
            switch (k) {
                case "change" -> changes.add(v);
                case "created" -> created.add(ManifestEscape.unescape(v, "path"));
                case "expect" -> expected.add(v);
                case "entry" -> entries.add(v);
                default -> keywords.put(k, v);
            }
        }
        if (!VERSION.equals(keywords.get("flar_identity"))) {
            throw new IllegalArgumentException("not a flar identity bundle of version " + VERSION);
        }
        return new BundleIndex(keywords, changes, created, expected, entries);
    }

    private static String sha256(String s) {
        return HexFormat.of().formatHex(ContentDigest.newSha256().digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
