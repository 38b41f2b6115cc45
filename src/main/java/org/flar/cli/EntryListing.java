package org.flar.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flar.entry.Entry;
import org.flar.format.ManifestEntry;
import org.flar.format.Show;

/** One entry as `flar info -l` shows it: tar -tv's columns, times in UTC. */
final class EntryListing {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private EntryListing() {
    }

    static String line(ManifestEntry m) {
        Entry e = m.entry();
        String owner = (e.user() != null ? e.user() : Integer.toString(e.uid())) + "/"
                + (e.group() != null ? e.group() : Integer.toString(e.gid()));
        String size = e.type().isDevice() ? e.devMajor() + "," + e.devMinor() : Long.toString(e.size());
        String name = e.path();
        if (e.type() == org.flar.entry.EntryType.SYMLINK) {
            name += " -> " + e.linkTarget();
        } else if (e.type() == org.flar.entry.EntryType.HARDLINK) {
            name += " link to " + e.linkTarget();
        }
        // Names, targets and owner names come from the archive: no raw control characters on a terminal.
        return String.format("%s %-17s %12s %s %s", modeString(e), Show.text(owner), size,
                TIME.format(Instant.ofEpochSecond(Math.floorDiv(e.mtimeNanos(), 1_000_000_000L))), Show.text(name));
    }

    static Map<String, Object> asMap(ManifestEntry m) {
        Entry e = m.entry();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", e.path());
        out.put("type", e.type().keyword());
        out.put("mode", String.format("%04o", e.mode()));
        out.put("uid", e.uid());
        out.put("gid", e.gid());
        out.put("size", e.size());
        out.put("mtime_ns", e.mtimeNanos());
        if (e.sha256() != null) {
            out.put("sha256", e.sha256());
        }
        if (e.linkTarget() != null) {
            out.put("link", e.linkTarget());
        }
        if (!m.xattrNames().isEmpty()) {
            out.put("xattrs", m.xattrNames());
        }
        return out;
    }

    static String modeString(Entry e) {
        char t = switch (e.type()) {
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case HARDLINK -> 'h';
            case FIFO -> 'p';
            case CHAR_DEVICE -> 'c';
            case BLOCK_DEVICE -> 'b';
            default -> '-';
        };
        int m = e.mode();
        StringBuilder s = new StringBuilder().append(t);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((m & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        if ((m & 04000) != 0) {
            s.setCharAt(3, (m & 0100) != 0 ? 's' : 'S');
        }
        if ((m & 02000) != 0) {
            s.setCharAt(6, (m & 010) != 0 ? 's' : 'S');
        }
        if ((m & 01000) != 0) {
            s.setCharAt(9, (m & 01) != 0 ? 't' : 'T');
        }
        return s.toString();
    }
}
