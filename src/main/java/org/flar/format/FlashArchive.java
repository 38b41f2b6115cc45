package org.flar.format;

import java.util.Set;

/** Names and limits of the flash archive container that the writer, the reader and {@code flar split} share. */
public final class FlashArchive {

    public static final String COOKIE_PREFIX = "FlAsH-aRcHiVe-";
    /** The cookie flar writes. */
    public static final String COOKIE = COOKIE_PREFIX + "2.0";

    public static final String BEGIN = "section_begin=";
    public static final String END = "section_end=";

    public static final String IDENTIFICATION = "identification";
    public static final String MANIFEST = "manifest";
    public static final String PREDEPLOYMENT = "predeployment";
    public static final String POSTDEPLOYMENT = "postdeployment";
    public static final String REBOOT = "reboot";
    public static final String SUMMARY = "summary";
    public static final String IDENTITY = "identity";
    public static final String LAYOUT = "layout";
    public static final String ARCHIVE = "archive";
    /** Differential archives: the full manifest of the state they produce. */
    public static final String STATE = "state";
    /** Differential archives: paths the deployment deletes, one escaped path per line. */
    public static final String DELETIONS = "deletions";
    /** Differential archives: the base's manifest line of every entry replaced or deleted (the drift check). */
    public static final String BASE = "base";
    /** Differential archives: files whose content is the base's but whose metadata changed ({@link MetadataLine}). */
    public static final String METADATA = "metadata";

    /**
     * A minisign signature of the identification section's content, right after it; the one
     * section section_sha256 does not list, since the signature covers the identification.
     */
    public static final String SIGNATURE = "signature";

    public static final Set<String> STANDARD_SECTIONS = Set.of(IDENTIFICATION, SIGNATURE, MANIFEST, PREDEPLOYMENT,
            POSTDEPLOYMENT, REBOOT, SUMMARY, IDENTITY, LAYOUT, ARCHIVE, STATE, DELETIONS, BASE, METADATA);

    public static final int MAX_LINE = 1 << 20;
    public static final int MAX_IDENTIFICATION = 1 << 20;
    public static final int MAX_USER_SECTION = 64 << 20;
    /** A minisign signature file: four lines, the trusted comment at most 8 KiB as minisign's. */
    public static final int MAX_SIGNATURE = 16 << 10;
    /**
     * The largest logical size of a file, 16 TiB (ext4's limit with 4 KiB blocks). Holes are
     * hashed as zeros, so a reader's time grows with logical sizes, not with stored bytes: this
     * keeps one sparse entry's cost to hours at worst rather than centuries.
     * {@code files_unarchived_size} bounds them all together ({@link ManifestReader#sizesWithin}).
     */
    public static final long MAX_FILE_SIZE = 1L << 44;

    private FlashArchive() {
    }

    /** Whether {@code name} may follow {@code section_begin=}: a standard name or an X-name. */
    public static boolean isValidSectionName(String name) {
        if (STANDARD_SECTIONS.contains(name)) {
            return true;
        }
        return name.startsWith("X") && name.chars().noneMatch(c -> c == '=' || c == '/' || c == 0 || c == '\n');
    }

    /**
     * Names a flar writer accepts: also no ',' or ':' in user-defined names, because
     * {@code section_sha256} lists them as {@code NAME:HEX,...}.
     */
    public static boolean isWritableSectionName(String name) {
        return isValidSectionName(name) && name.indexOf(',') < 0 && name.indexOf(':') < 0;
    }

    /** The size limit of a section's content, or -1 when only its lines are limited (the manifest). */
    public static long sizeLimit(String section) {
        return switch (section) {
            case IDENTIFICATION -> MAX_IDENTIFICATION;
            case SIGNATURE -> MAX_SIGNATURE;
            case MANIFEST, ARCHIVE, STATE, DELETIONS, BASE, METADATA -> -1;
            default -> MAX_USER_SECTION;
        };
    }
}
