package org.flar.capture;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flar.format.Identification;
import org.flar.format.PayloadFormat;
import org.flar.format.compress.Compression;

/**
 * What to capture and how.
 *
 * @param root          the source root ("/" for the running system)
 * @param name          content_name
 * @param excludes      -x paths or globs, relative to the root
 * @param includes      -y paths or globs that win over excludes
 * @param oneFileSystem do not descend into other mounted file systems
 * @param format        payload format
 * @param compression   payload compression
 * @param level         compression level, -1 for the codec's default
 * @param threads       compression and reading threads
 * @param strict        a file that changes while it is read is an error, not a warning
 * @param keywords      extra identification keywords (content_description, content_author, ...)
 * @param userSections  user-defined sections: name (starting with X) to content
 * @param spoolDir      where the payload is assembled before it is written after the text sections
 */
public record CaptureOptions(Path root, String name, List<String> excludes, List<String> includes,
                             boolean oneFileSystem, PayloadFormat format, Compression compression, int level,
                             int threads, boolean strict, Map<String, String> keywords,
                             Map<String, byte[]> userSections, Path spoolDir) {

    public CaptureOptions {
        checkName(name);
        for (String k : keywords.keySet()) {
            if (Identification.isReserved(k)) {
                throw new IllegalArgumentException("-U " + k + ": " + (k.equalsIgnoreCase(Identification.CONTENT_NAME)
                        ? "the name is given with -n" : "flar sets this keyword itself")
                        + "; -U adds content_type, content_description, content_author or keywords of your own (X-...)");
            }
        }
        excludes = List.copyOf(excludes);
        includes = List.copyOf(includes);
        keywords = new LinkedHashMap<>(keywords);
        userSections = new LinkedHashMap<>(userSections);
    }

    /** A reader refuses a content_name that is empty or over 256 characters (docs/format.md): so does the writer. */
    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("the archive needs a name (-n NAME)");
        }
        int length = name.codePointCount(0, name.length());
        if (length > Identification.MAX_CONTENT_NAME) {
            throw new IllegalArgumentException("-n: a content_name has at most " + Identification.MAX_CONTENT_NAME
                    + " characters, this one " + length);
        }
    }

    public static CaptureOptions of(Path root, String name) {
        return new CaptureOptions(root, name, List.of(), List.of(), false, PayloadFormat.PAX, Compression.ZSTD, -1,
                Math.max(2, Runtime.getRuntime().availableProcessors()), false, Map.of(), Map.of(), null);
    }

    public CaptureOptions withFormat(PayloadFormat f, Compression c) {
        return new CaptureOptions(root, name, excludes, includes, oneFileSystem, f, c, level, threads, strict,
                keywords, userSections, spoolDir);
    }

    public CaptureOptions withExcludes(List<String> x, List<String> y) {
        return new CaptureOptions(root, name, x, y, oneFileSystem, format, compression, level, threads, strict,
                keywords, userSections, spoolDir);
    }
}
