package org.flar.format;

import java.util.List;
import java.util.regex.Pattern;
import org.flar.format.compress.Compression;

/**
 * What a flar-format identification must declare, each value checked before anything uses it:
 * every number flar reads is a bounded decimal, both methods are ones flar can read, and
 * {@code content_name} is as long as the format allows. A failure names the archive and the
 * keyword and is a {@link CorruptArchiveException}: the archive, not the command line, is wrong.
 */
final class FlarKeywords {

    /**
     * Numbers are at most 18 digits without leading zeros: below 10^18, so they fit a long with
     * room to add two of them, and an overflow is refused rather than wrapped.
     */
    static final int MAX_DIGITS = 18;

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0," + (MAX_DIGITS - 1) + "}");
    /**
     * The numbers flar reads, all written by every flar since the first: files_archived_size
     * checks the stored payload, payload_size the decompressed one, files_unarchived_size bounds
     * the logical file sizes, payload_entries the manifest.
     */
    private static final List<String> NUMBERS = List.of(Identification.FILES_ARCHIVED_SIZE,
            Identification.FILES_UNARCHIVED_SIZE, Identification.PAYLOAD_SIZE, Identification.PAYLOAD_ENTRIES);

    private FlarKeywords() {
    }

    static void check(String archive, Identification id) throws CorruptArchiveException {
        for (String k : NUMBERS) {
            number(archive, id, k);
        }
        methods(archive, id);
        String name = id.get(Identification.CONTENT_NAME);
        if (name == null || name.isEmpty()) {
            throw corrupt(archive, "content_name is missing");
        }
        int length = name.codePointCount(0, name.length());
        if (length > Identification.MAX_CONTENT_NAME) {
            throw corrupt(archive, "content_name has " + length + " characters, more than " + Identification.MAX_CONTENT_NAME);
        }
    }

    /** The value of a numeric keyword {@link #check} accepted. */
    static long number(Identification id, String keyword) {
        return Long.parseLong(id.get(keyword));
    }

    private static void number(String archive, Identification id, String keyword) throws CorruptArchiveException {
        String v = id.get(keyword);
        if (v == null) {
            throw corrupt(archive, keyword + " is missing");
        }
        if (!DECIMAL.matcher(v).matches()) {
            throw corrupt(archive, keyword + " '" + Show.line(v) + "' is not a decimal number of at most "
                    + MAX_DIGITS + " digits");
        }
    }

    /**
     * Refused here, at open, rather than when the payload is reached: an archive flar cannot
     * decode is damaged as far as flar is concerned, and nothing should be done with it first.
     */
    private static void methods(String archive, Identification id) throws CorruptArchiveException {
        String format = id.get(Identification.FILES_ARCHIVED_METHOD);
        if (format == null) {
            throw corrupt(archive, "files_archived_method is missing");
        }
        try {
            PayloadFormat.fromKeyword(format);
        } catch (IllegalArgumentException e) {
            throw corrupt(archive, "unsupported payload format: files_archived_method '" + Show.line(format)
                    + "' (known: pax, cpio)");
        }
        String compression = id.get(Identification.FILES_COMPRESSED_METHOD);
        if (compression == null) {
            throw corrupt(archive, "files_compressed_method is missing");
        }
        compression(archive, compression);
    }

    /** The compression {@code keyword} names; "unsupported compression" otherwise. */
    static Compression compression(String archive, String keyword) throws CorruptArchiveException {
        try {
            return Compression.fromKeyword(keyword);
        } catch (IllegalArgumentException e) {
            String known = java.util.Arrays.stream(Compression.values()).map(Compression::keyword)
                    .collect(java.util.stream.Collectors.joining(", "));
            String hint = keyword.equalsIgnoreCase("compress")
                    ? " (Solaris compress(1): extract the archive section with 'flar split' and uncompress it)"
                    : " (known: " + known + ")";
            throw corrupt(archive, "unsupported compression: files_compressed_method '" + Show.line(keyword) + "'" + hint);
        }
    }

    private static CorruptArchiveException corrupt(String archive, String message) {
        return new CorruptArchiveException(archive + ": identification: " + message);
    }
}
