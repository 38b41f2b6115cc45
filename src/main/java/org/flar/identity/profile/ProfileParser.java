package org.flar.identity.profile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the profile syntax (docs/identity.md): {@code # comment} lines, top-level
 * {@code extends = NAME} and {@code os = FAMILY}, then one {@code [item-name]} section per item
 * with {@code key = value} lines. Everything is checked before anything is returned, and the
 * first problem is a {@link ProfileSyntaxException} at file:line:column, so a bad profile
 * changes nothing.
 */
public final class ProfileParser {
    static final Set<String> FAMILIES = Set.of("linux", "solaris", "any");
    private static final Pattern ITEM_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Set<String> KEYS = Set.of("description", "os", "path", "action", "content", "drop",
            "substitute", "generator");
    private static final Set<String> REPEATABLE = Set.of("path", "drop", "substitute");

    private final String file;
    private final String profileName;
    private Profile base;
    private String os;
    private final List<IdentityItem> items = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private Section section;

    private ProfileParser(String file, String profileName) {
        this.file = file;
        this.profileName = profileName;
    }

    /** @param file the name errors give (a path, or built-in:NAME) */
    public static Profile parse(String text, String file, String profileName) throws IOException {
        return new ProfileParser(file, profileName).run(text);
    }

    private Profile run(String text) throws IOException {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            line(lines[i], i + 1);
        }
        finishSection();
        Profile own = new Profile(profileName, os != null ? os : base != null ? base.os()
                : FAMILIES.contains(profileName) ? profileName : "any", items);
        return base == null ? own : base.overriddenBy(own);
    }

    private void line(String raw, int n) throws IOException {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        int start = indent(line);
        if (start == line.length() || line.charAt(start) == '#') {
            return;
        }
        if (line.charAt(start) == '[') {
            int close = line.indexOf(']', start);
            if (close < 0) {
                throw error(n, line.length() + 1, "section header without ']'");
            }
            if (indent(line.substring(close + 1)) != line.length() - close - 1) {
                throw error(n, close + 2, "text after the section header");
            }
            String name = line.substring(start + 1, close).strip();
            if (!ITEM_NAME.matcher(name).matches()) {
                throw error(n, start + 2, "bad item name '" + name + "' (lowercase letters, digits, '.', '_', '-')");
            }
            if (!seen.add(name)) {
                throw error(n, start + 2, "item '" + name + "' is defined twice");
            }
            finishSection();
            section = new Section(name, n, base == null ? null : base.item(name));
            return;
        }
        int eq = line.indexOf('=', start);
        if (eq < 0) {
            throw error(n, start + 1, "expected 'key = value', '[item]' or '# comment'");
        }
        String key = line.substring(start, eq).strip();
        int valueStart = eq + 1 + indent(line.substring(eq + 1));
        String value = line.substring(valueStart).strip();
        Value v = new Value(value, n, valueStart + 1);
        if (section == null) {
            topLevel(key, v, start + 1);
        } else {
            section.put(key, v, n, start + 1);
        }
    }

    private void topLevel(String key, Value v, int keyColumn) throws IOException {
        switch (key) {
            case "extends" -> {
                if (base != null || !items.isEmpty()) {
                    throw error(v.line, keyColumn, "'extends' must come once, before the first item");
                }
                if (!Profile.BUILT_IN.contains(v.text)) {
                    throw error(v, "no built-in profile '" + v.text + "' to extend (there are "
                            + String.join(", ", Profile.BUILT_IN) + ")");
                }
                base = Profile.builtIn(v.text);
            }
            case "os" -> os = family(v);
            default -> throw error(v.line, keyColumn, "unknown keyword '" + key + "' before the first [item]"
                    + " (only 'extends' and 'os')");
        }
    }

    private String family(Value v) throws ProfileSyntaxException {
        if (!FAMILIES.contains(v.text)) {
            throw error(v, "unknown OS family '" + v.text + "' (linux, solaris or any)");
        }
        return v.text;
    }

    private void finishSection() throws IOException {
        if (section != null) {
            items.add(section.build());
            section = null;
        }
    }

    private static int indent(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private ProfileSyntaxException error(int line, int column, String problem) {
        return new ProfileSyntaxException(file, line, column, problem);
    }

    private ProfileSyntaxException error(Value v, String problem) {
        return error(v.line, v.column, problem);
    }

    private record Value(String text, int line, int column) {
    }

    /** One [item] being read: values with their positions, checked when the section ends. */
    private final class Section {
        private final String name;
        private final int line;
        private final IdentityItem inherited;
        private final java.util.Map<String, List<Value>> values = new java.util.LinkedHashMap<>();

        Section(String name, int line, IdentityItem inherited) {
            this.name = name;
            this.line = line;
            this.inherited = inherited;
        }

        void put(String key, Value v, int n, int keyColumn) throws ProfileSyntaxException {
            if (!KEYS.contains(key)) {
                throw error(n, keyColumn, "unknown keyword '" + key + "' (" + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
            List<Value> list = values.computeIfAbsent(key, k -> new ArrayList<>());
            if (!list.isEmpty() && !REPEATABLE.contains(key)) {
                throw error(n, keyColumn, "'" + key + "' given twice in [" + name + "]");
            }
            if (v.text.isEmpty() && !key.equals("content")) {
                throw error(v, "'" + key + "' needs a value");
            }
            list.add(v);
        }

        private Value one(String key) {
            List<Value> l = values.get(key);
            return l == null ? null : l.getFirst();
        }

        IdentityItem build() throws ProfileSyntaxException {
            Value actionValue = one("action");
            Action action;
            if (actionValue != null) {
                action = Action.of(actionValue.text);
                if (action == null) {
                    throw error(actionValue, "unknown action '" + actionValue.text
                            + "' (remove, truncate, replace, edit-lines, regenerate, keep)");
                }
            } else if (inherited != null) {
                action = inherited.action();
            } else {
                throw error(line, 1, "[" + name + "] has no 'action'");
            }
            String description = one("description") != null ? one("description").text
                    : inherited != null ? inherited.description() : name;
            String family = one("os") != null ? family(one("os")) : inherited != null ? inherited.os()
                    : os != null ? os : base != null ? base.os() : FAMILIES.contains(profileName) ? profileName : "any";
            List<PathGlob> paths = new ArrayList<>();
            for (Value v : values.getOrDefault("path", List.of())) {
                try {
                    paths.add(PathGlob.of(v.text));
                } catch (IllegalArgumentException bad) {
                    throw error(v, bad.getMessage());
                }
            }
            if (paths.isEmpty() && inherited != null) {
                paths.addAll(inherited.paths());
            }
            if (paths.isEmpty() && action != Action.KEEP) {
                throw error(line, 1, "[" + name + "] has no 'path'");
            }
            only(action, Action.REPLACE, "content");
            only(action, Action.EDIT_LINES, "drop");
            only(action, Action.EDIT_LINES, "substitute");
            only(action, Action.REGENERATE, "generator");
            byte[] content = one("content") != null ? unescape(one("content"))
                    : inherited != null && action == inherited.action() ? inherited.content() : new byte[0];
            List<LineEdit> edits = new ArrayList<>();
            for (Value v : values.getOrDefault("drop", List.of())) {
                edits.add(LineEdit.drop(regex(v, v.text, v.column)));
            }
            for (Value v : values.getOrDefault("substitute", List.of())) {
                edits.add(substitute(v));
            }
            if (action == Action.EDIT_LINES && edits.isEmpty()) {
                if (inherited != null && inherited.action() == Action.EDIT_LINES) {
                    edits.addAll(inherited.edits());
                } else {
                    throw error(line, 1, "[" + name + "] is edit-lines but has no 'drop' or 'substitute'");
                }
            }
            String generator = null;
            if (action == Action.REGENERATE) {
                Value g = one("generator");
                // As for content: only an item that was regenerate already has a generator to inherit.
                generator = g != null ? g.text : inherited != null && inherited.action() == Action.REGENERATE
                        ? inherited.generator() : IdentityItem.SSH_HOST_KEYS;
                if (!generator.equals(IdentityItem.SSH_HOST_KEYS)) {
                    throw error(g, "unknown generator '" + generator + "' (only " + IdentityItem.SSH_HOST_KEYS + ")");
                }
            }
            return new IdentityItem(name, description, family, paths, action, content, edits, generator);
        }

        private void only(Action action, Action wanted, String key) throws ProfileSyntaxException {
            Value v = one(key);
            if (v != null && action != wanted) {
                throw error(v.line, 1, "'" + key + "' is for 'action = " + wanted.keyword() + "' only");
            }
        }
    }

    private Pattern regex(Value v, String text, int column) throws ProfileSyntaxException {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException bad) {
            throw error(v.line, column + Math.max(0, bad.getIndex()), "bad regular expression: " + bad.getDescription());
        }
    }

    /** {@code /REGEX/REPLACEMENT/}, any delimiter, a backslash before it keeps it literal. */
    private LineEdit substitute(Value v) throws ProfileSyntaxException {
        String t = v.text;
        char d = t.charAt(0);
        if (Character.isLetterOrDigit(d) || d == '\\' || Character.isWhitespace(d)) {
            throw error(v, "substitute is /REGEX/REPLACEMENT/ (any punctuation as delimiter)");
        }
        List<StringBuilder> parts = new ArrayList<>(List.of(new StringBuilder()));
        List<Integer> starts = new ArrayList<>(List.of(1));
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length() && t.charAt(i + 1) == d) {
                parts.getLast().append(d);
                i++;
            } else if (c == d) {
                parts.add(new StringBuilder());
                starts.add(i + 1);
            } else {
                parts.getLast().append(c);
            }
        }
        if (parts.size() != 3 || !parts.get(2).isEmpty()) {
            throw error(v, "substitute is " + d + "REGEX" + d + "REPLACEMENT" + d + ": expected three '" + d
                    + "' and nothing after the last");
        }
        Pattern p = regex(v, parts.get(0).toString(), v.column + starts.get(0));
        String replacement = parts.get(1).toString();
        checkReplacement(v, p, replacement, v.column + starts.get(1));
        return LineEdit.substitute(p, replacement);
    }

    private void checkReplacement(Value v, Pattern p, String r, int column) throws ProfileSyntaxException {
        int groups = p.matcher("").groupCount();
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\') {
                if (++i == r.length()) {
                    throw error(v.line, column + i - 1, "replacement ends in a lone backslash");
                }
            } else if (c == '$') {
                if (i + 1 == r.length() || !Character.isDigit(r.charAt(i + 1)) || r.charAt(i + 1) - '0' > groups) {
                    throw error(v.line, column + i, "'$' must name a group of the pattern ($0 to $" + groups
                            + "); write \\$ for a dollar sign");
                }
            }
        }
    }

    /** C-style escapes: \n \t \r \\ \xHH. */
    private byte[] unescape(Value v) throws ProfileSyntaxException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String t = v.text;
        for (int i = 0; i < t.length(); i++) {
            int c = t.codePointAt(i);
            if (c != '\\') {
                out.writeBytes(Character.toString(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                i += Character.charCount(c) - 1;
                continue;
            }
            if (i + 1 == t.length()) {
                throw error(v.line, v.column + i, "content ends in a lone backslash");
            }
            char e = t.charAt(++i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    String hex = t.substring(i + 1, Math.min(t.length(), i + 3));
                    if (!hex.matches("[0-9a-fA-F]{2}")) {
                        throw error(v.line, v.column + i - 1, "\\x needs two hex digits");
                    }
                    out.write(Integer.parseInt(hex, 16));
                    i += 2;
                }
                default -> throw error(v.line, v.column + i - 1, "unknown escape '\\" + e + "' (\\n \\t \\r \\\\ \\xHH)");
            }
        }
        return out.toByteArray();
    }
}
