package org.flar.identity.sysidcfg;

import java.util.List;

/**
 * RHEL-style {@code /etc/sysconfig/network-scripts/ifcfg-NAME}, read by network-scripts and by
 * NetworkManager's ifcfg-rh plugin. The file is written whole: no HWADDR, so a clone's different
 * NIC still matches by name. DNS goes in DNSn/DOMAIN too, because NetworkManager rewrites
 * resolv.conf from them.
 */
final class IfcfgWriter {
    private IfcfgWriter() {
    }

    static void plan(List<Nic> nics, Plan plan) {
        for (Nic nic : nics) {
            String name = nic.name().orElseThrow(); // InterfaceNames never leaves ifcfg without a name
            StringBuilder f = new StringBuilder("# Written by flar from a sysidcfg.\n");
            f.append("DEVICE=").append(name).append("\nNAME=").append(name).append("\nTYPE=Ethernet\nONBOOT=yes\n");
            nic.staticAddress().ifPresentOrElse(s -> {
                f.append("BOOTPROTO=none\nIPADDR=").append(s.address()).append("\nPREFIX=")
                        .append(s.netmask().prefixLength()).append('\n');
                s.defaultRoute().ifPresent(g -> f.append("GATEWAY=").append(g).append('\n'));
            }, () -> f.append("BOOTPROTO=dhcp\n"));
            List<String> servers = nic.nameServers();
            for (int i = 0; i < servers.size(); i++) {
                f.append("DNS").append(i + 1).append('=').append(servers.get(i)).append('\n');
            }
            if (!nic.searchDomains().isEmpty()) {
                f.append("DOMAIN=\"").append(String.join(" ", nic.searchDomains())).append("\"\n");
            }
            boolean v6 = nic.settings().ipv6();
            f.append("IPV6INIT=").append(v6 ? "yes" : "no").append('\n');
            if (v6) {
                f.append("IPV6_AUTOCONF=yes\n");
            }
            plan.file(NetworkLayout.IFCFG_DIR + "/ifcfg-" + name, f.toString(), 0644);
        }
    }
}
