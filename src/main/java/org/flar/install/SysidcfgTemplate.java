package org.flar.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sysidcfg with {@code ${name}} placeholders filled from a host's row of the host table
 * ({@code ${hostname}}, {@code ${ip}}, any column). A placeholder without a value for a host is an
 * error naming both; {@code $$} is a literal dollar.
 */
public record SysidcfgTemplate(Path file, String text) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    public static SysidcfgTemplate read(Path file) throws IOException {
        return new SysidcfgTemplate(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The names the template uses. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (m.group(1) != null) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The sysidcfg for one host; {@code host} names it in the error. */
    public String fill(Map<String, String> values, String host) throws InstallSyntaxException {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v;
            if (m.group(1) == null) {
                v = "$";
            } else {
                v = values.get(m.group(1));
                if (v == null || v.isEmpty()) {
                    int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                    int col = m.start() - text.lastIndexOf('\n', m.start() - 1);
                    throw new InstallSyntaxException(file.toString(), line, col, "no value for ${" + m.group(1) + "} for host " + host);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
