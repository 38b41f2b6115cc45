package org.flar.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flar.entry.Entry;

/**
 * What one manifest line says. The manifest carries xattr names and a checksum of names and
 * values, not the values, so {@code entry().xattrs()} is empty and the xattrs are described by
 * {@code xattrNames} (in the manifest's order) and {@code xattrSum} (null when there are none).
 */
public record ManifestEntry(Entry entry, List<String> xattrNames, String xattrSum) {

    public ManifestEntry {
        Objects.requireNonNull(entry, "entry");
        xattrNames = xattrNames == null ? List.of() : List.copyOf(xattrNames);
    }

    /** The manifest's view of an entry that has its xattr values. */
    public static ManifestEntry of(Entry e) {
        return new ManifestEntry(e.toBuilder().xattrs(List.of()).build(), ManifestLine.xattrNames(e.xattrs()),
                e.xattrs().isEmpty() ? null : ManifestLine.xattrSum(e.xattrs()));
    }

    public String path() {
        return entry.path();
    }

    /**
     * Whether {@code actual} matches this line in every field the manifest records: path, type,
     * mode, uid, gid, size, mtime, link, dev, xattr names and sum, and sha256 when both have one.
     * User and group names are not compared: ids are what the file system keeps.
     */
    public boolean describes(Entry actual) {
        // Field by field without building the text of differences(): a differential asks this
        // of every entry of the tree, and almost all match.
        Entry m = entry;
        if (!m.path().equals(actual.path()) || m.type() != actual.type() || m.mode() != actual.mode()
                || m.uid() != actual.uid() || m.gid() != actual.gid() || m.size() != actual.size()
                || m.mtimeNanos() != actual.mtimeNanos() || !Objects.equals(m.linkTarget(), actual.linkTarget())
                || m.devMajor() != actual.devMajor() || m.devMinor() != actual.devMinor()
                || m.sha256() != null && actual.sha256() != null && !m.sha256().equals(actual.sha256())) {
            return false;
        }
        if (actual.xattrs().isEmpty()) {
            return xattrNames.isEmpty();
        }
        return xattrNames.equals(ManifestLine.xattrNames(actual.xattrs()))
                && ManifestLine.xattrSum(actual.xattrs()).equals(xattrSum);
    }

    /**
     * The fields in which {@code actual} differs, manifest value first, e.g.
     * {@code "mode 0644 != 0600, mtime 5.000000000 != 6.000000000"}; empty when it matches.
     */
    public String differences(Entry actual) {
        Entry m = entry;
        List<String> d = new ArrayList<>();
        diff(d, "path", m.path(), actual.path());
        diff(d, "type", m.type().keyword(), actual.type().keyword());
        diff(d, "mode", ManifestLine.octal4(m.mode()), ManifestLine.octal4(actual.mode()));
        diff(d, "uid", Integer.toUnsignedString(m.uid()), Integer.toUnsignedString(actual.uid()));
        diff(d, "gid", Integer.toUnsignedString(m.gid()), Integer.toUnsignedString(actual.gid()));
        diff(d, "size", Long.toString(m.size()), Long.toString(actual.size()));
        diff(d, "mtime", ManifestLine.formatMtime(m.mtimeNanos()), ManifestLine.formatMtime(actual.mtimeNanos()));
        diff(d, "link", quote(m.linkTarget()), quote(actual.linkTarget()));
        diff(d, "dev", dev(m), dev(actual));
        List<String> actualNames = ManifestLine.xattrNames(actual.xattrs());
        diff(d, "xattrs", String.join(",", xattrNames), String.join(",", actualNames));
        if (xattrNames.equals(actualNames) && !actualNames.isEmpty()
                && !ManifestLine.xattrSum(actual.xattrs()).equals(xattrSum)) {
            d.add("xattr values differ (xattrsum)");
        }
        if (m.sha256() != null && actual.sha256() != null) {
            diff(d, "sha256", m.sha256(), actual.sha256());
        }
        return String.join(", ", d);
    }

    private static void diff(List<String> d, String field, String manifest, String actual) {
        if (!manifest.equals(actual)) {
            d.add(field + " " + manifest + " != " + actual);
        }
    }

    private static String quote(String s) {
        return s == null ? "(none)" : "'" + s + "'";
    }

    private static String dev(Entry e) {
        return Integer.toUnsignedString(e.devMajor()) + "," + Integer.toUnsignedString(e.devMinor());
    }
}
