package org.flar.identity.sysidcfg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code system_locale} and {@code keyboard}.
 *
 * <p>The locale becomes {@code LANG=} in {@code /etc/default/locale} on Debian and in
 * {@code /etc/locale.conf} elsewhere (and there too on Debian when it exists); other lines
 * (LC_*) are kept. glibc normalizes codeset names, so Solaris names such as
 * {@code en_US.ISO8859-1} work as they are. flar does not generate the locale.
 *
 * <p>The keyboard is an XKB layout code ({@code us}, {@code de}); the Solaris names of the
 * common layouts ({@code US-English}, {@code German}) are translated. Debian keeps it in
 * {@code /etc/default/keyboard} (XKBLAYOUT), systemd distributions in {@code /etc/vconsole.conf}
 * (KEYMAP for the console and XKBLAYOUT).
 */
final class LocaleWriter {
    private static final Map<String, String> SOLARIS_KEYBOARDS = Map.ofEntries(
            Map.entry("us-english", "us"), Map.entry("uk-english", "gb"), Map.entry("german", "de"),
            Map.entry("french", "fr"), Map.entry("italian", "it"), Map.entry("spanish", "es"),
            Map.entry("swedish", "se"), Map.entry("danish", "dk"), Map.entry("norwegian", "no"),
            Map.entry("finnish", "fi"), Map.entry("dutch", "nl"), Map.entry("belgian", "be"),
            Map.entry("portuguese", "pt"), Map.entry("swiss-german", "ch"), Map.entry("swiss-french", "ch"),
            Map.entry("canadian-french", "ca"), Map.entry("japanese", "jp"), Map.entry("korean", "kr"),
            Map.entry("polish", "pl"), Map.entry("russian", "ru"), Map.entry("czech", "cz"),
            Map.entry("hungarian", "hu"), Map.entry("greek", "gr"), Map.entry("turkish", "tr"),
            Map.entry("latin-american", "latam"), Map.entry("traditional-chinese", "tw"),
            Map.entry("estonian", "ee"), Map.entry("latvian", "lv"), Map.entry("lithuanian", "lt"),
            Map.entry("slovak", "sk"), Map.entry("slovenian", "si"), Map.entry("arabic", "ara"),
            Map.entry("brazilian-portuguese", "br"), Map.entry("icelandic", "is"));

    private LocaleWriter() {
    }

    static void planLocale(String locale, RootFiles root, boolean debian, Plan plan) throws IOException {
        if (debian) {
            setVariables("etc/default/locale", Map.of("LANG", locale), root, plan);
        }
        if (!debian || root.isRegularFile("etc/locale.conf")) {
            setVariables("etc/locale.conf", Map.of("LANG", locale), root, plan);
        }
    }

    static void planKeyboard(String keyboard, RootFiles root, boolean debian, Plan plan) throws IOException {
        String layout = xkbLayout(keyboard);
        if (debian || root.isRegularFile("etc/default/keyboard")) {
            setVariables("etc/default/keyboard", Map.of("XKBLAYOUT", layout), root, plan);
        } else {
            setVariables("etc/vconsole.conf", Map.of("KEYMAP", layout, "XKBLAYOUT", layout), root, plan);
        }
    }

    static String xkbLayout(String keyboard) {
        return SOLARIS_KEYBOARDS.getOrDefault(keyboard.toLowerCase(Locale.ROOT), keyboard);
    }

    /** Sets shell-style {@code NAME="value"} lines, keeping every other line; missing names are appended. */
    private static void setVariables(String rel, Map<String, String> values, RootFiles root, Plan plan)
            throws IOException {
        List<String> out = new ArrayList<>();
        List<String> done = new ArrayList<>();
        String old = root.readText(rel).orElse("");
        for (String line : old.split("\n", -1)) {
            String name = line.strip().split("=", 2)[0];
            if (values.containsKey(name) && line.contains("=")) {
                if (!done.contains(name)) {
                    out.add(name + "=\"" + values.get(name) + "\"");
                    done.add(name);
                }
                continue;
            }
            out.add(line);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        values.keySet().stream().sorted().filter(n -> !done.contains(n)).forEach(n -> out.add(n + "=\"" + values.get(n) + "\""));
        plan.file(rel, String.join("\n", out) + "\n", 0644);
    }
}
