package org.flar.identity.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.flar.fs.Beneath;
import org.flar.fs.UnsafePathException;

/**
 * A root's os-release file (os-release(5)): {@code etc/os-release}, else
 * {@code usr/lib/os-release}. Each is read only as a regular file reached through real
 * directories of the root: os-release is often a relative link (etc/os-release ->
 * ../usr/lib/os-release), and a link, or a linked directory on the way, may point into the
 * running system rather than this root, so it is never followed (the other file is used).
 *
 * <p>The content is shell-compatible {@code KEY=VALUE} assignments: {@code #} comment and
 * blank lines are skipped, a value may be in double quotes (a backslash escapes {@code $ ` " \})
 * or single quotes (literal), a backslash outside quotes escapes the next character, and the
 * value ends at unquoted white space. A later assignment of a key wins, as in a shell.
 */
public final class OsRelease {
    private static final String[] FILES = {"etc/os-release", "usr/lib/os-release"};
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String file;
    private final Map<String, String> values;

    private OsRelease(String file, Map<String, String> values) {
        this.file = file;
        this.values = Collections.unmodifiableMap(values);
    }

    /** The os-release of {@code root}, or null when it has none (or is not a directory). */
    public static OsRelease read(java.nio.file.Path root) throws IOException {
        try (Beneath beneath = Beneath.open(root)) {
            return read(beneath);
        } catch (NoSuchFileException | UnsafePathException notADirectory) {
            return null;
        }
    }

    /** The os-release of an opened root, or null when it has none. */
    static OsRelease read(Beneath root) throws IOException {
        for (String f : FILES) {
            if (isRegularFile(root, f)) {
                try (InputStream in = Files.newInputStream(root.resolve(f), LinkOption.NOFOLLOW_LINKS)) {
                    return new OsRelease(f, parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        return null;
    }

    /** Parses os-release content: the assignments in file order, a repeated key at its last value. */
    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || !KEY.matcher(line.substring(0, eq)).matches()) {
                continue;
            }
            values.put(line.substring(0, eq), value(line, eq + 1));
        }
        return values;
    }

    /** A shell word from {@code start}: quotes removed, escapes applied, up to unquoted white space. */
    private static String value(String line, int start) {
        StringBuilder out = new StringBuilder();
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i++);
            if (c == '\'') {
                int close = line.indexOf('\'', i);
                int end = close < 0 ? line.length() : close;
                out.append(line, i, end);
                i = close < 0 ? end : close + 1;
            } else if (c == '"') {
                while (i < line.length() && line.charAt(i) != '"') {
                    char d = line.charAt(i++);
                    if (d == '\\' && i < line.length() && "$`\"\\".indexOf(line.charAt(i)) >= 0) {
                        d = line.charAt(i++);
                    }
                    out.append(d);
                }
                i++;
            } else if (c == '\\') {
                if (i < line.length()) {
                    out.append(line.charAt(i++));
                }
            } else if (Character.isWhitespace(c)) {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A regular file reached through real directories of the root only: a linked etc is not this root's. */
    static boolean isRegularFile(Beneath root, String rel) throws IOException {
        try {
            return Files.isRegularFile(root.resolve(rel), LinkOption.NOFOLLOW_LINKS);
        } catch (UnsafePathException linked) {
            return false;
        }
    }

    /** Which file was read, relative to the root. */
    public String file() {
        return file;
    }

    /** Every key and its value, in file order. */
    public Map<String, String> values() {
        return values;
    }

    /** The value of {@code key}, or {@code fallback} when the file does not set it. */
    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** {@code ID}, lowercased; "" when there is none. */
    public String id() {
        return values.getOrDefault("ID", "").strip().toLowerCase(Locale.ROOT);
    }
}
