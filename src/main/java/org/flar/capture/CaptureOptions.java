package org.flar.capture;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flar.format.Identification;
import org.flar.format.PayloadFormat;
import org.flar.format.compress.Compression;

/**
 * What to capture and how: the one type every capture is described with ({@code flar create},
 * {@code media create -R}, {@code compare}), built with {@link #builder}. The exclusion rules
 * are one object, so the walk, a differential's old side and an estimate never disagree on
 * what is left out.
 *
 * @param root          the source root ("/" for the running system)
 * @param name          content_name
 * @param rules         what -x, -X and -y leave out and put back
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
public record CaptureOptions(Path root, String name, ExcludeRules rules, boolean oneFileSystem, PayloadFormat format,
                             Compression compression, int level, int threads, boolean strict,
                             Map<String, String> keywords, Map<String, byte[]> userSections, Path spoolDir) {

    public CaptureOptions {
        checkName(name);
        for (String k : keywords.keySet()) {
            if (Identification.isReserved(k)) {
                throw new IllegalArgumentException("-U " + k + ": " + (k.equalsIgnoreCase(Identification.CONTENT_NAME)
                        ? "the name is given with -n" : "flar sets this keyword itself")
                        + "; -U adds content_type, content_description, content_author or keywords of your own (X-...)");
            }
        }
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

    public static Builder builder(Path root, String name) {
        return new Builder(root, name);
    }

    /** Everything captured, pax and zstd with their defaults. */
    public static CaptureOptions of(Path root, String name) {
        return builder(root, name).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(root, name);
        b.rules = rules;
        b.oneFileSystem = oneFileSystem;
        b.format = format;
        b.compression = compression;
        b.level = level;
        b.threads = threads;
        b.strict = strict;
        b.keywords = new LinkedHashMap<>(keywords);
        b.userSections = new LinkedHashMap<>(userSections);
        b.spoolDir = spoolDir;
        return b;
    }

    public static final class Builder {
        private final Path root;
        private final String name;
        private ExcludeRules rules = ExcludeRules.none();
        private boolean oneFileSystem;
        private PayloadFormat format = PayloadFormat.PAX;
        private Compression compression = Compression.ZSTD;
        private int level = -1;
        private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private boolean strict;
        private Map<String, String> keywords = new LinkedHashMap<>();
        private Map<String, byte[]> userSections = new LinkedHashMap<>();
        private Path spoolDir;

        private Builder(Path root, String name) {
            this.root = root;
            this.name = name;
        }

        public Builder rules(ExcludeRules r) {
            this.rules = r;
            return this;
        }

        public Builder oneFileSystem(boolean b) {
            this.oneFileSystem = b;
            return this;
        }

        public Builder format(PayloadFormat f) {
            this.format = f;
            return this;
        }

        public Builder compression(Compression c, int compressionLevel) {
            this.compression = c;
            this.level = compressionLevel;
            return this;
        }

        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        public Builder strict(boolean b) {
            this.strict = b;
            return this;
        }

        public Builder keywords(Map<String, String> k) {
            this.keywords = new LinkedHashMap<>(k);
            return this;
        }

        public Builder userSections(Map<String, byte[]> s) {
            this.userSections = new LinkedHashMap<>(s);
            return this;
        }

        public Builder spoolDir(Path dir) {
            this.spoolDir = dir;
            return this;
        }

        public CaptureOptions build() {
            return new CaptureOptions(root, name, rules, oneFileSystem, format, compression, level, threads, strict,
                    keywords, userSections, spoolDir);
        }
    }
}
