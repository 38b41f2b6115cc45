package org.flar.identity.sysidcfg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips of generated valid configurations, and garbage that may only ever give a SysidcfgException. */
class SysidcfgProperties {

    @Property(tries = 1000)
    void formatThenParseGivesTheSettingsBack(@ForAll("configs") Sysidcfg c) throws Exception {
        String text = c.format();
        Sysidcfg parsed = Sysidcfg.parse(text, "generated");
        assertThat(parsed).isEqualTo(c);
        assertThat(parsed.format()).isEqualTo(text);
    }

    @Property(tries = 3000)
    void garbageOnlyThrowsSysidcfgException(@ForAll("garbage") String text) {
        parseOrExplain(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 3000)
    void mutatedConfigsOnlyThrowSysidcfgException(@ForAll("configs") Sysidcfg c, @ForAll("edits") List<Integer> edits) {
        StringBuilder b = new StringBuilder(c.format());
        String alphabet = "={}'\"# \n.,/$a9\u0001\u00e9";
        for (int i = 0; i + 2 < edits.size(); i += 3) {
            int at = Math.floorMod(edits.get(i + 1), b.length() + 1);
            char ch = alphabet.charAt(Math.floorMod(edits.get(i + 2), alphabet.length()));
            switch (Math.floorMod(edits.get(i), 3)) {
                case 0 -> b.insert(at, ch);
                case 1 -> b.deleteCharAt(Math.min(at, b.length() - 1));
                default -> b.setCharAt(Math.min(at, b.length() - 1), ch);
            }
            if (b.isEmpty()) {
                break;
            }
        }
        parseOrExplain(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1000)
    void randomBytesOnlyThrowSysidcfgException(@ForAll byte[] bytes) {
        parseOrExplain(bytes);
    }

    /** Parses; a failure must be a SysidcfgException with a one-line FILE:LINE:COLUMN message inside the text. */
    private static void parseOrExplain(byte[] bytes) {
        try {
            Sysidcfg c = Sysidcfg.parse(bytes, "g");
            assertThat(Sysidcfg.parse(c.format(), "again")).isEqualTo(c);
        } catch (SysidcfgException e) {
            assertThat(e.getMessage()).startsWith("g:" + e.line() + ":" + e.column() + ": ").doesNotContain("\n");
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertThat(e.line()).isBetween(1, (int) text.chars().filter(ch -> ch == '\n').count() + 1);
            assertThat(e.column()).isPositive();
        }
    }

    @Provide
    Arbitrary<List<Integer>> edits() {
        return Arbitraries.integers().list().ofMinSize(3).ofMaxSize(15);
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("={}'\"# \n\t.,/()$abcdeghimnorstuvwxyz_0129").ofMaxLength(200),
                Arbitraries.of("hostname", "network_interface", "name_service", "timezone", "root_password",
                        "{", "}", "=", "\"", "'", " ", "\n", "dhcp", "PRIMARY", "DNS", "NONE", "ip_address",
                        "netmask", "192.0.2.1", "255.255.255.0", "name_server", "search", "a,b", "yes", "#x\n")
                        .list().ofMaxSize(30).map(l -> String.join("", l)));
    }

    @Provide
    Arbitrary<Sysidcfg> configs() {
        return Arbitraries.randomValue(SysidcfgProperties::config);
    }

    static Sysidcfg config(Random r) {
        List<NetworkInterface> nics = new ArrayList<>();
        boolean none = r.nextInt(8) == 0;
        if (!none) {
            List<String> names = new ArrayList<>(List.of("PRIMARY", "eth0", "eth1", "enp1s0", "ens3", "net0", "bge1"));
            boolean primaryTaken = false;
            for (int i = r.nextInt(4); i > 0; i--) {
                String name = names.remove(r.nextInt(names.size()));
                boolean flag = !primaryTaken && !name.equals("PRIMARY") && r.nextInt(4) == 0;
                if (name.equals("PRIMARY") && primaryTaken) {
                    continue;
                }
                primaryTaken |= flag || name.equals("PRIMARY");
                nics.add(new NetworkInterface(name, flag, r.nextBoolean() ? new NetworkInterface.Dhcp() : staticAddress(r),
                        maybe(r, () -> hostname(r)), r.nextBoolean()));
            }
        }
        return new Sysidcfg(maybe(r, () -> hostname(r)), nics, none, maybe(r, () -> nameService(r)),
                maybe(r, () -> pick(r, "UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "PST8PDT")),
                maybe(r, () -> pick(r, "C", "C.UTF-8", "en_US.UTF-8", "de_DE.ISO8859-15@euro")),
                maybe(r, () -> pick(r, "us", "US-English", "de(nodeadkeys)", "German")),
                maybe(r, () -> pick(r, SysidcfgParserTest.SHA512, SysidcfgParserTest.DES, SysidcfgParserTest.YESCRYPT,
                        "$5$rounds=10000$abc$qsg6EHbUzHQzF1POlD7zUwBINSELQxypPaeDcZe6vH0")),
                maybe(r, () -> r.nextBoolean() ? ip(r).toString() : r.nextBoolean() ? "localhost" : domain(r)),
                maybe(r, () -> r.nextBoolean() ? new SecurityPolicy(false, Optional.empty(), Optional.empty(), List.of())
                        : new SecurityPolicy(true, Optional.of(domain(r).toUpperCase()), Optional.of(domain(r)),
                                list(r, 3, () -> domain(r)))),
                maybe(r, () -> pick(r, "vt100", "xterm-256color", "sun-cmd")),
                maybe(r, () -> r.nextBoolean() ? "dynamic" : domain(r)),
                maybe(r, () -> pick(r, "limited_net", "open")), Origin.NONE);
    }

    private static NameService nameService(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> new NameService(NameService.Kind.DNS, maybe(r, () -> domain(r)),
                    list(r, 3, () -> ip(r).toString()), r.nextBoolean() ? List.of() : list(r, 6, () -> domain(r)),
                    Optional.empty());
            case 1 -> new NameService(r.nextBoolean() ? NameService.Kind.NIS : NameService.Kind.NISPLUS,
                    Optional.of(domain(r)), r.nextBoolean() ? List.of() : List.of(domain(r) + "(" + ip(r) + ")"),
                    List.of(), Optional.empty());
            case 2 -> new NameService(NameService.Kind.LDAP, Optional.of(domain(r)), List.of(), List.of(),
                    Optional.of(new NameService.Ldap(maybe(r, () -> text(r)), maybe(r, () -> ip(r).toString()),
                            maybe(r, () -> text(r)), maybe(r, () -> text(r)))));
            default -> new NameService(NameService.Kind.NONE, Optional.empty(), List.of(), List.of(), Optional.empty());
        };
    }

    private static NetworkInterface.Static staticAddress(Random r) {
        int prefix = 1 + r.nextInt(31);
        Ipv4 mask = Ipv4.ofPrefix(prefix);
        Ipv4 address = ip(r);
        Optional<Ipv4> route = r.nextBoolean() ? Optional.empty()
                : Optional.of(new Ipv4(address.bits() & mask.bits() | r.nextInt() & ~mask.bits()));
        return new NetworkInterface.Static(address, mask, route);
    }

    private static Ipv4 ip(Random r) {
        return new Ipv4(r.nextInt());
    }

    private static String hostname(Random r) {
        return r.nextBoolean() ? label(r) : label(r) + "." + label(r);
    }

    private static String domain(Random r) {
        return label(r) + "." + label(r) + (r.nextBoolean() ? "" : "." + label(r));
    }

    private static String label(Random r) {
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder b = new StringBuilder().append(letters.charAt(r.nextInt(letters.length())));
        for (int i = r.nextInt(10); i > 0; i--) {
            b.append("abcdefghijklmnopqrstuvwxyz0123456789-".charAt(r.nextInt(37)));
        }
        return b.charAt(b.length() - 1) == '-' ? b.append('x').toString() : b.toString();
    }

    /** Free text as LDAP settings hold it: blanks, '=', ',', '#', braces, newlines, one kind of quote. */
    private static String text(Random r) {
        String chars = r.nextBoolean() ? "abc XYZ=,#{}\n01'" : "abc XYZ=,#{}\n01\"";
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(20); i > 0; i--) {
            b.append(chars.charAt(r.nextInt(chars.length())));
        }
        return b.toString();
    }

    private static <T> List<T> list(Random r, int max, Supplier<T> item) {
        List<T> out = new ArrayList<>();
        for (int i = 1 + r.nextInt(max); i > 0; i--) {
            out.add(item.get());
        }
        return out;
    }

    private static <T> Optional<T> maybe(Random r, Supplier<T> value) {
        return r.nextInt(3) == 0 ? Optional.empty() : Optional.of(value.get());
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }
}
