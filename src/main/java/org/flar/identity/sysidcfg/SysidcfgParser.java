package org.flar.identity.sysidcfg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.flar.identity.sysidcfg.SysidcfgLexer.Kind;
import org.flar.identity.sysidcfg.SysidcfgLexer.Token;

/**
 * sysidcfg(4) grammar: {@code keyword=value [{ dependent=value | flag ... }]}, entries in any
 * order, keywords case-insensitive. Solaris silently used the first of repeated keywords; flar
 * refuses repeats (only {@code network_interface} may appear more than once), because a clone
 * configured from the wrong one of two lines is worse than an error.
 */
final class SysidcfgParser {
    private static final Set<String> SOLARIS_ONLY = Set.of("auto_reg", "display", "monitor", "pointer");

    /** A dependent keyword inside braces; {@code value} is null for a flag such as {@code dhcp}. */
    record Sub(String key, Position keyAt, String value, Position valueAt) {
    }

    record Entry(String keyword, Position keyAt, String value, Position valueAt, List<Sub> subs, Position openAt) {
        boolean hasBlock() {
            return openAt != null;
        }
    }

    private final String file;
    private final SysidcfgLexer lexer;
    private Token token;

    SysidcfgParser(String file, String text) {
        this.file = file;
        this.lexer = new SysidcfgLexer(file, text);
    }

    Sysidcfg parse() throws SysidcfgException {
        token = lexer.next();
        SysidcfgBuilder builder = new SysidcfgBuilder(file);
        while (token.kind() != Kind.END) {
            builder.add(entry());
        }
        return builder.build();
    }

    private Entry entry() throws SysidcfgException {
        if (token.kind() != Kind.WORD) {
            throw error(token.at(), "expected a keyword, found " + token.describe());
        }
        Token key = token;
        String keyword = key.text().toLowerCase(Locale.ROOT);
        if (!SysidcfgBuilder.KEYWORDS.contains(keyword)) {
            throw error(key.at(), SOLARIS_ONLY.contains(keyword)
                    ? "keyword '" + keyword + "' configures Solaris hardware or registration; flar does not support it"
                    : "unknown keyword '" + key.text() + "'");
        }
        advance();
        expectEquals("'=' after '" + key.text() + "'");
        Token value = value("a value for '" + key.text() + "'");
        if (token.kind() != Kind.OPEN) {
            return new Entry(keyword, key.at(), value.text(), value.at(), List.of(), null);
        }
        Position openAt = token.at();
        advance();
        List<Sub> subs = new ArrayList<>();
        while (token.kind() != Kind.CLOSE) {
            if (token.kind() == Kind.END) {
                throw error(openAt, "'{' is never closed");
            }
            if (token.kind() != Kind.WORD) {
                throw error(token.at(), "expected a keyword or '}', found " + token.describe());
            }
            Token sub = token;
            advance();
            if (token.kind() == Kind.EQUALS) {
                token = lexer.next(true);
                Token subValue = value("a value for '" + sub.text() + "'");
                subs.add(new Sub(sub.text().toLowerCase(Locale.ROOT), sub.at(), subValue.text(), subValue.at()));
            } else {
                subs.add(new Sub(sub.text().toLowerCase(Locale.ROOT), sub.at(), null, null));
            }
        }
        advance();
        return new Entry(keyword, key.at(), value.text(), value.at(), List.copyOf(subs), openAt);
    }

    private Token value(String what) throws SysidcfgException {
        if (!token.isValue()) {
            throw error(token.at(), "expected " + what + ", found " + token.describe());
        }
        Token v = token;
        advance();
        return v;
    }

    private void expectEquals(String what) throws SysidcfgException {
        if (token.kind() != Kind.EQUALS) {
            throw error(token.at(), "expected " + what + ", found " + token.describe());
        }
        token = lexer.next(true);
    }

    private void advance() throws SysidcfgException {
        token = lexer.next();
    }

    private SysidcfgException error(Position at, String problem) {
        return new SysidcfgException(file, at, problem);
    }

    /** The dependent keywords of one entry, each at most once, checked against the allowed set. */
    static final class Subs {
        private final String file;
        private final Entry entry;
        private final Map<String, Sub> byKey = new LinkedHashMap<>();

        Subs(String file, Entry entry, Set<String> allowed, Set<String> flags) throws SysidcfgException {
            this.file = file;
            this.entry = entry;
            Map<String, Sub> seen = new HashMap<>();
            for (Sub s : entry.subs()) {
                if (!allowed.contains(s.key()) && !flags.contains(s.key())) {
                    throw new SysidcfgException(file, s.keyAt(), "'" + s.key() + "' is not allowed in "
                            + entry.keyword() + "=" + entry.value() + " {...}"
                            + (allowed.isEmpty() && flags.isEmpty() ? "" : " (allowed: " + String.join(", ",
                                    sorted(allowed, flags)) + ")"));
                }
                if (flags.contains(s.key()) != (s.value() == null)) {
                    throw new SysidcfgException(file, s.keyAt(), flags.contains(s.key())
                            ? "'" + s.key() + "' takes no value" : "'" + s.key() + "' needs '=' and a value");
                }
                if (seen.put(s.key(), s) != null) {
                    throw new SysidcfgException(file, s.keyAt(), "'" + s.key() + "' is given twice");
                }
                byKey.put(s.key(), s);
            }
        }

        private static List<String> sorted(Set<String> a, Set<String> b) {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            all.sort(null);
            return all;
        }

        boolean has(String key) {
            return byKey.containsKey(key);
        }

        Optional<Sub> get(String key) {
            return Optional.ofNullable(byKey.get(key));
        }

        Optional<String> value(String key) {
            return get(key).map(Sub::value);
        }

        Sub require(String key) throws SysidcfgException {
            Sub s = byKey.get(key);
            if (s == null) {
                throw new SysidcfgException(file, entry.hasBlock() ? entry.openAt() : entry.valueAt(),
                        entry.keyword() + "=" + entry.value() + " needs " + key + "=...");
            }
            return s;
        }
    }
}
