package org.flar.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The identification section: {@code keyword=value} lines, keywords case-insensitive and
 * unique, kept in order and with the spelling they were given.
 */
public final class Identification {

    public static final String ARCHIVE_ID = "archive_id";
    public static final String FILES_ARCHIVED_METHOD = "files_archived_method";
    public static final String FILES_COMPRESSED_METHOD = "files_compressed_method";
    public static final String FILES_ARCHIVED_SIZE = "files_archived_size";
    public static final String FILES_UNARCHIVED_SIZE = "files_unarchived_size";
    public static final String CREATION_DATE = "creation_date";
    public static final String CREATION_MASTER = "creation_master";
    public static final String CONTENT_NAME = "content_name";
    public static final String CONTENT_TYPE = "content_type";
    public static final String CONTENT_DESCRIPTION = "content_description";
    public static final String CONTENT_AUTHOR = "content_author";
    public static final String CONTENT_ARCHITECTURES = "content_architectures";
    public static final String CREATION_NODE = "creation_node";
    public static final String CREATION_HARDWARE_CLASS = "creation_hardware_class";
    public static final String CREATION_PLATFORM = "creation_platform";
    public static final String CREATION_PROCESSOR = "creation_processor";
    public static final String CREATION_RELEASE = "creation_release";
    public static final String CREATION_OS_NAME = "creation_os_name";
    public static final String CREATION_OS_VERSION = "creation_os_version";
    public static final String TYPE = "type";
    /** The two values of {@link #TYPE}, exactly so: any other is refused in a flar-format archive. */
    public static final String FULL = "FULL";
    public static final String DIFFERENTIAL = "DIFFERENTIAL";
    public static final String FLAR_FORMAT = "flar_format";
    public static final String FLAR_VERSION = "flar_version";
    public static final String PAYLOAD_ENTRIES = "payload_entries";
    public static final String PAYLOAD_SIZE = "payload_size";
    public static final String SECTION_SHA256 = "section_sha256";
    public static final String IDENTIFICATION_SHA256 = "identification_sha256";

    public static final Set<String> SOLARIS_KEYWORDS = Set.of(ARCHIVE_ID, FILES_ARCHIVED_METHOD,
            FILES_COMPRESSED_METHOD, FILES_ARCHIVED_SIZE, FILES_UNARCHIVED_SIZE, CREATION_DATE, CREATION_MASTER,
            CONTENT_NAME, CONTENT_TYPE, CONTENT_DESCRIPTION, CONTENT_AUTHOR, CONTENT_ARCHITECTURES, CREATION_NODE,
            CREATION_HARDWARE_CLASS, CREATION_PLATFORM, CREATION_PROCESSOR, CREATION_RELEASE, CREATION_OS_NAME,
            CREATION_OS_VERSION, TYPE);
    /** SHA-256 of the manifest of the state an archive produces (its manifest, or a differential's state section). */
    public static final String STATE_SHA256 = "state_sha256";
    /** Differential archives: the base's state_sha256, archive_id and content_name. */
    public static final String BASE_STATE_SHA256 = "base_state_sha256";
    public static final String BASE_ARCHIVE_ID = "base_archive_id";
    public static final String BASE_CONTENT_NAME = "base_content_name";
    /** When the capture's walk began and which tree it walked: what lets a later differential trust ctime. */
    public static final String CREATION_STARTED = "creation_started";
    public static final String CREATION_ROOT = "creation_root";
    /** A run of 0s that makes the header a whole number of file system blocks (docs/format.md). */
    public static final String FLAR_PADDING = "flar_padding";
    public static final Set<String> FLAR_KEYWORDS = Set.of(FLAR_FORMAT, FLAR_VERSION, PAYLOAD_ENTRIES, PAYLOAD_SIZE,
            SECTION_SHA256, IDENTIFICATION_SHA256, STATE_SHA256, BASE_STATE_SHA256, BASE_ARCHIVE_ID, BASE_CONTENT_NAME,
            CREATION_STARTED, CREATION_ROOT, FLAR_PADDING);

    /** docs/format.md: content_name is at most 256 characters (Unicode code points). */
    public static final int MAX_CONTENT_NAME = 256;
    /**
     * Text a user gives an archive with {@code -U}: the only Solaris or flar keywords flar does not
     * compute or set itself. Anything else given that way would contradict what flar writes (an
     * archive_id its own verify refuses, a full archive labelled DIFFERENTIAL) or be silently
     * replaced by it (flar_format).
     */
    public static final Set<String> USER_TEXT = Set.of(CONTENT_TYPE, CONTENT_DESCRIPTION, CONTENT_AUTHOR);

    /** Whether flar computes or sets {@code keyword} itself (any case), so a user may not give it. */
    public static boolean isReserved(String keyword) {
        String k = key(keyword);
        return (SOLARIS_KEYWORDS.contains(k) || FLAR_KEYWORDS.contains(k)) && !USER_TEXT.contains(k);
    }

    private record Line(String keyword, String value) {
    }

    private final Map<String, Line> lines = new LinkedHashMap<>();

    /** Parses the section's lines (without {@code \n}); IllegalArgumentException names the bad line. */
    public static Identification parse(List<String> lines) {
        Identification id = new Identification();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("identification line '" + line + "' is not keyword=value");
            }
            if (eq == 0) {
                throw new IllegalArgumentException("identification line '" + line + "' has an empty keyword");
            }
            String keyword = line.substring(0, eq);
            if (id.get(keyword) != null) {
                throw new IllegalArgumentException("identification keyword '" + keyword + "' appears twice");
            }
            id.put(keyword, line.substring(eq + 1));
        }
        return id;
    }

    /** The value of {@code keyword} (any case), or null. */
    public String get(String keyword) {
        Line l = lines.get(key(keyword));
        return l == null ? null : l.value();
    }

    /** The value of {@code keyword}; IllegalArgumentException "identification has no KEYWORD" when absent. */
    public String require(String keyword) {
        String v = get(keyword);
        if (v == null) {
            throw new IllegalArgumentException("identification has no " + keyword);
        }
        return v;
    }

    public boolean has(String keyword) {
        return lines.containsKey(key(keyword));
    }

    /** Sets {@code keyword}; an existing keyword keeps its place and spelling. */
    public Identification put(String keyword, String value) {
        checkKeyword(keyword);
        if (value == null || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identification value of " + keyword + " is null or has a line feed or NUL");
        }
        Line old = lines.get(key(keyword));
        lines.put(key(keyword), new Line(old == null ? keyword : old.keyword(), value));
        return this;
    }

    public Identification remove(String keyword) {
        lines.remove(key(keyword));
        return this;
    }

    /** Keywords in order, as spelled. */
    public List<String> keywords() {
        return lines.values().stream().map(Line::keyword).toList();
    }

    /** The section's lines, without {@code \n}. */
    public List<String> lines() {
        return lines.values().stream().map(l -> l.keyword() + "=" + l.value()).toList();
    }

    /** Keywords neither Solaris nor flar defines, X- keywords excepted: {@code flar info} reports them. */
    public List<String> unknownKeywords() {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, Line> e : lines.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith("x-") && !SOLARIS_KEYWORDS.contains(k) && !FLAR_KEYWORDS.contains(k)) {
                unknown.add(e.getValue().keyword());
            }
        }
        return unknown;
    }

    public Identification copy() {
        Identification c = new Identification();
        c.lines.putAll(lines);
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identification other && other.lines().equals(lines());
    }

    @Override
    public int hashCode() {
        return lines().hashCode();
    }

    @Override
    public String toString() {
        return String.join("\n", lines());
    }

    private static void checkKeyword(String keyword) {
        if (keyword == null || keyword.isEmpty() || keyword.chars().anyMatch(c -> c == '=' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("bad identification keyword '" + keyword + "'");
        }
        String k = key(keyword);
        if (k.equals("section_begin") || k.equals("section_end")) {
            throw new IllegalArgumentException("'" + keyword + "' would read as a section marker");
        }
    }

    private static String key(String keyword) {
        return keyword.toLowerCase(Locale.ROOT);
    }
}
