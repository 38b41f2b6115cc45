package org.flar.identity.sysidcfg;

import java.util.LinkedHashMap;
import java.util.Map;

/** A strict reader of the INI dialect keyfiles and systemd use, for checking written files' structure. */
final class Ini {
    private Ini() {
    }

    static Map<String, Map<String, String>> parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
                continue;
            }
            if (s.startsWith("[") && s.endsWith("]")) {
                current = new LinkedHashMap<>();
                if (sections.put(s.substring(1, s.length() - 1), current) != null) {
                    throw new AssertionError("section twice: " + s);
                }
            } else {
                int eq = s.indexOf('=');
                if (current == null || eq <= 0) {
                    throw new AssertionError("not a key=value line in a section: " + line);
                }
                if (current.put(s.substring(0, eq), s.substring(eq + 1)) != null) {
                    throw new AssertionError("key twice: " + line);
                }
            }
        }
        return sections;
    }
}
