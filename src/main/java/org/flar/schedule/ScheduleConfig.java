package org.flar.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.flar.format.Show;
import org.flar.format.compress.Compression;

/**
 * One scheduled capture, as {@code /etc/flar/capture/NAME.conf} says it (the documented example
 * is src/deb/capture.conf): "key = value" lines, # comments; an unknown key, a repeated one or a
 * bad value is an error naming the file and line, so a typo never silently captures the wrong thing.
 *
 * @param contentName   the archives' content_name, or null for the root's host name
 * @param differentials differentials made against a full archive before the next full one
 * @param keep          full archives kept, each with its differentials
 */
public record ScheduleConfig(String name, Path directory, Path root, String contentName, int differentials,
                             int keep, List<String> excludes, boolean oneFileSystem, Compression compression) {
    /** Also the systemd instance name (%i): no slash, no leading dot, nothing a unit name escapes. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");
    /** A config is a few lines: a larger file is not one. */
    private static final long MAX_BYTES = 64 * 1024;

    public ScheduleConfig {
        excludes = List.copyOf(excludes);
    }

    /** Checks {@code name} as a file name under the config directory and a systemd instance name. */
    public static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + Show.text(name) + "': not a capture name (letters, digits, "
                    + "'.', '_' and '-', at most 64, not starting with '.' or '-')");
        }
        return name;
    }

    /** {@code DIR/NAME.conf}. */
    public static ScheduleConfig read(Path configDir, String name) throws IOException {
        Path file = configDir.resolve(checkName(name) + ".conf");
        if (Files.size(file) > MAX_BYTES) {
            throw new IllegalArgumentException(file + ": over " + MAX_BYTES + " bytes, not a capture configuration");
        }
        return parse(name, file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    static ScheduleConfig parse(String name, String file, String text) {
        Path directory = null;
        Path root = Path.of("/");
        String contentName = null;
        int differentials = 6;
        int keep = 2;
        List<String> excludes = new ArrayList<>();
        boolean oneFileSystem = false;
        Compression compression = Compression.ZSTD;
        Set<String> seen = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(where + "expected key = value, got '" + Show.text(line) + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException(where + key + ": no value");
            }
            if (!key.equals("exclude") && !seen.add(key)) {
                throw new IllegalArgumentException(where + key + " given twice");
            }
            try {
                switch (key) {
                    case "directory" -> directory = absolute(value);
                    case "root" -> root = absolute(value);
                    case "content-name" -> contentName = value;
                    case "differentials" -> differentials = count(value, 0, 1000);
                    case "keep" -> keep = count(value, 1, 1000);
                    case "exclude" -> excludes.add(value);
                    case "one-file-system" -> oneFileSystem = yesNo(value);
                    case "compression" -> compression = Compression.fromKeyword(value);
                    default -> throw new IllegalArgumentException("unknown key '" + Show.text(key) + "' (known: directory, "
                            + "root, content-name, differentials, keep, exclude, one-file-system, compression)");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + (e.getMessage().startsWith("unknown key") ? "" : key + ": ")
                        + e.getMessage(), e);
            }
        }
        if (directory == null) {
            throw new IllegalArgumentException(file + ": no directory = ... (where the archives go)");
        }
        return new ScheduleConfig(name, directory, root, contentName, differentials, keep, excludes, oneFileSystem,
                compression);
    }

    private static Path absolute(String value) {
        Path p = Path.of(value);
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("'" + Show.text(value) + "' is not an absolute path");
        }
        return p.normalize();
    }

    private static int count(String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wanted
        }
        throw new IllegalArgumentException("'" + Show.text(value) + "' is not a whole number from " + min + " to " + max);
    }

    private static boolean yesNo(String value) {
        return switch (value) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw new IllegalArgumentException("'" + Show.text(value) + "': yes or no");
        };
    }
}
