package org.flar.identity.sysidcfg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ifupdown: the sysidcfg's interfaces become stanzas at the end of {@code /etc/network/interfaces}.
 * Stanzas already there for other interfaces (loopback, a bridge) are kept as they are; those for
 * the interfaces being configured are removed, since two {@code iface} stanzas for one name
 * conflict. Without an existing file, the file Debian installs is written (source line, loopback).
 * {@code dns-*} options reach resolv.conf only with the resolvconf package; flar writes
 * resolv.conf itself as well. ifupdown has no switch for "no IPv6": {@code protocol_ipv6=yes}
 * adds an {@code inet6 auto} stanza, {@code no} adds none.
 *
 * <p>An unnamed PRIMARY uses ifupdown's interface patterns (interfaces(5), "PATTERN MATCHING
 * INTERFACES"): {@code auto /e[nt]*&#47;1=primary} brings up the first wired interface the kernel
 * knows, whatever it is called, as the logical interface {@code primary} — Solaris's PRIMARY.
 */
final class IfupdownWriter {
    private static final Set<String> STANZA = Set.of("iface", "auto", "mapping", "source", "source-directory",
            "rename");
    private static final String MARK = "# Written by flar from a sysidcfg.";
    private static final String DEFAULT = """
            # interfaces(5) file used by ifup(8) and ifdown(8)
            # Include files from /etc/network/interfaces.d:
            source /etc/network/interfaces.d/*

            auto lo
            iface lo inet loopback
            """;

    private IfupdownWriter() {
    }

    static void plan(List<Nic> nics, RootFiles root, Plan plan) throws IOException {
        Set<String> ours = nics.stream().map(Nic::label).collect(Collectors.toSet());
        String kept = withoutStanzasFor(root.readText(NetworkLayout.IFUPDOWN_FILE).orElse(DEFAULT), ours)
                .replace(MARK + "\n", "").stripTrailing();
        StringBuilder f = new StringBuilder(kept).append("\n\n").append(MARK).append('\n');
        for (Nic nic : nics) {
            String name = nic.label();
            f.append("auto ").append(nic.name().isPresent() ? name : "/e[nt]*/1=" + name).append('\n');
            nic.staticAddress().ifPresentOrElse(s -> {
                f.append("iface ").append(name).append(" inet static\n");
                f.append("\taddress ").append(Nic.cidr(s)).append('\n');
                s.defaultRoute().ifPresent(g -> f.append("\tgateway ").append(g).append('\n'));
            }, () -> f.append("iface ").append(name).append(" inet dhcp\n"));
            if (!nic.nameServers().isEmpty()) {
                f.append("\tdns-nameservers ").append(String.join(" ", nic.nameServers())).append('\n');
            }
            if (!nic.searchDomains().isEmpty()) {
                f.append("\tdns-search ").append(String.join(" ", nic.searchDomains())).append('\n');
            }
            if (nic.settings().ipv6()) {
                f.append("iface ").append(name).append(" inet6 auto\n");
            }
            f.append('\n');
        }
        plan.file(NetworkLayout.IFUPDOWN_FILE, f.toString().stripTrailing() + "\n", 0644);
    }

    /**
     * The file without the stanzas of {@code names}: an {@code iface NAME} stanza with its option
     * lines, and NAME taken out of {@code auto}/{@code allow-*} lines (the line dropped if empty).
     */
    static String withoutStanzasFor(String text, Set<String> names) {
        List<String> out = new ArrayList<>();
        boolean skipping = false;
        for (String line : text.split("\n", -1)) {
            String[] words = line.strip().split("\\s+");
            String first = words[0];
            if (STANZA.contains(first) || first.startsWith("allow-")) {
                skipping = first.equals("iface") && words.length > 1 && names.contains(words[1]);
                if (skipping) {
                    continue;
                }
                if ((first.equals("auto") || first.startsWith("allow-")) && words.length > 1) {
                    List<String> rest = new ArrayList<>();
                    for (int i = 1; i < words.length; i++) {
                        // A pattern "/glob/1=logical" names its logical interface after '='.
                        String logical = words[i].substring(words[i].lastIndexOf('=') + 1);
                        if (!names.contains(logical)) {
                            rest.add(words[i]);
                        }
                    }
                    if (rest.size() != words.length - 1) {
                        if (!rest.isEmpty()) {
                            out.add(first + " " + String.join(" ", rest));
                        }
                        continue;
                    }
                }
            } else if (skipping && !line.isBlank() && !line.strip().startsWith("#")) {
                continue; // an option line of a removed stanza (it lasts until the next stanza)
            }
            out.add(line);
        }
        return String.join("\n", out);
    }
}
