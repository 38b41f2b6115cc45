package org.flar.identity.sysidcfg;

import java.util.List;
import java.util.stream.Collectors;

/**
 * netplan: one file, {@code /etc/netplan/90-sysidcfg.yaml}, mode 0600 (netplan warns about
 * readable configuration). netplan reads its files in name order and later ones override, so
 * 90- wins over the usual {@code 00-}…{@code 50-} files. Every string is quoted, so a name such
 * as {@code 0} or {@code yes} stays a string. An unnamed PRIMARY is the id {@code primary}
 * matching {@code e[nt]*} (enp1s0, ens3, eth0).
 */
final class NetplanWriter {
    static final String FILE = NetworkLayout.NETPLAN_DIR + "/90-sysidcfg.yaml";

    private NetplanWriter() {
    }

    static void plan(List<Nic> nics, Plan plan) {
        StringBuilder y = new StringBuilder("# Written by flar from a sysidcfg.\nnetwork:\n  version: 2\n  ethernets:\n");
        for (Nic nic : nics) {
            y.append("    ").append(q(nic.label())).append(":\n");
            if (nic.name().isEmpty()) {
                y.append("      match:\n        name: ").append(q("e[nt]*")).append('\n');
            }
            boolean v6 = nic.settings().ipv6();
            y.append("      dhcp4: ").append(nic.settings().isDhcp()).append('\n');
            y.append("      dhcp6: ").append(v6 && nic.settings().isDhcp()).append('\n');
            y.append("      accept-ra: ").append(v6).append('\n');
            y.append("      link-local: [").append(v6 ? q("ipv6") : "").append("]\n");
            nic.staticAddress().ifPresent(s -> {
                y.append("      addresses:\n        - ").append(q(Nic.cidr(s))).append('\n');
                s.defaultRoute().ifPresent(g -> y.append("      routes:\n        - to: ").append(q("default"))
                        .append("\n          via: ").append(q(g.toString())).append('\n'));
            });
            if (!nic.nameServers().isEmpty() || !nic.searchDomains().isEmpty()) {
                y.append("      nameservers:\n");
                y.append("        addresses: [").append(list(nic.nameServers())).append("]\n");
                y.append("        search: [").append(list(nic.searchDomains())).append("]\n");
            }
        }
        plan.file(FILE, y.toString(), 0600);
    }

    private static String list(List<String> items) {
        return items.stream().map(NetplanWriter::q).collect(Collectors.joining(", "));
    }

    /** A YAML double-quoted scalar; our values hold no quote or backslash (sysidcfg checked them). */
    private static String q(String s) {
        return '"' + s + '"';
    }
}
