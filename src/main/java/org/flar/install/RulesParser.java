package org.flar.install;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules file's syntax: {@code KEYWORD VALUE [&& KEYWORD VALUE]... PROFILE} per line, JumpStart's
 * rules without its begin and finish scripts. Keywords: mac, hostname, arch, disksize, any (its
 * value is {@code -}).
 */
final class RulesParser {
    private RulesParser() {
    }

    static List<Rule> parse(String text, String file) throws InstallSyntaxException {
        List<Rule> rules = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            Words w = Words.of(lines[n]);
            if (!w.isEmpty()) {
                rules.add(rule(w, file, n + 1));
            }
        }
        if (rules.isEmpty()) {
            throw new InstallSyntaxException(file, 1, 1, "no rule in the file");
        }
        return rules;
    }

    private static Rule rule(Words w, String file, int line) throws InstallSyntaxException {
        List<Condition> conditions = new ArrayList<>();
        int i = 0;
        while (true) {
            if (i + 1 >= w.size()) {
                int col = i < w.size() ? w.column(i) + w.get(i).length() : lineEnd(w);
                throw new InstallSyntaxException(file, line, col, i == 0 || i >= w.size()
                        ? "expected KEYWORD VALUE ... PROFILE" : "'" + w.get(i) + "' needs a value");
            }
            conditions.add(condition(w.get(i), w.get(i + 1), file, line, w.column(i), w.column(i + 1)));
            i += 2;
            if (i < w.size() && w.get(i).equals("&&")) {
                i++;
                continue;
            }
            break;
        }
        if (i >= w.size()) {
            throw new InstallSyntaxException(file, line, lineEnd(w), "no profile named at the end of the rule");
        }
        if (i + 1 < w.size()) {
            throw new InstallSyntaxException(file, line, w.column(i + 1), "unexpected '" + w.get(i + 1)
                    + "' after the profile (join conditions with &&)");
        }
        return new Rule(List.copyOf(conditions), w.get(i), file + ":" + line);
    }

    private static int lineEnd(Words w) {
        int last = w.size() - 1;
        return w.column(last) + w.get(last).length();
    }

    private static Condition condition(String keyword, String value, String file, int line, int kcol, int vcol)
            throws InstallSyntaxException {
        return switch (keyword) {
            case "mac" -> {
                String m = value.toLowerCase(Locale.ROOT).replace('-', ':');
                if (!Condition.MAC.matcher(m).matches()) {
                    throw new InstallSyntaxException(file, line, vcol, "not a MAC address: '" + value + "' (52:54:00:12:34:56)");
                }
                yield new Condition.Mac(m);
            }
            case "hostname" -> new Condition.HostName(value);
            case "arch" -> new Condition.Arch(value);
            case "disksize" -> diskSize(value, file, line, vcol);
            case "any" -> {
                if (!value.equals("-")) {
                    throw new InstallSyntaxException(file, line, vcol, "'any' takes '-' as its value");
                }
                yield new Condition.Any();
            }
            default -> throw new InstallSyntaxException(file, line, kcol, "unknown rule keyword '" + keyword
                    + "' (mac, hostname, arch, disksize, any)");
        };
    }

    /** {@code MIN-MAX}, either side may be empty; sizes in bytes or with K, M, G, T (powers of 1024). */
    private static Condition diskSize(String value, String file, int line, int col) throws InstallSyntaxException {
        int dash = value.indexOf('-');
        if (dash < 0) {
            throw new InstallSyntaxException(file, line, col, "disksize is MIN-MAX, e.g. 20G-100G or 500G-");
        }
        long min = dash == 0 ? 0 : size(value.substring(0, dash), file, line, col);
        long max = dash == value.length() - 1 ? Long.MAX_VALUE : size(value.substring(dash + 1), file, line, col + dash + 1);
        if (min > max) {
            throw new InstallSyntaxException(file, line, col, "disksize minimum above its maximum");
        }
        return new Condition.DiskSize(min, max);
    }

    static long size(String s, String file, int line, int col) throws InstallSyntaxException {
        String t = s.toUpperCase(Locale.ROOT).replaceFirst("I?B$", "");
        int shift = 0;
        if (!t.isEmpty() && "KMGT".indexOf(t.charAt(t.length() - 1)) >= 0) {
            shift = 10 * ("KMGT".indexOf(t.charAt(t.length() - 1)) + 1);
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty() || t.length() > 12 || !t.chars().allMatch(Character::isDigit)) {
            throw new InstallSyntaxException(file, line, col, "not a size: '" + s + "' (bytes, or with K, M, G, T)");
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), 1L << shift);
        } catch (ArithmeticException e) {
            throw new InstallSyntaxException(file, line, col, "size too large: '" + s + "'");
        }
    }
}
