package org.flar.identity.sysidcfg;

import java.util.List;

/**
 * systemd-networkd: one {@code .network} file per interface in {@code /etc/systemd/network}.
 * networkd uses the first file (in name order) that matches a link, so named interfaces get
 * {@code 05-sysidcfg-NAME.network} and the pattern match for an unnamed PRIMARY comes after them
 * ({@code 06-sysidcfg-primary.network}); both sort before the usual {@code 10-}… and distribution files.
 */
final class NetworkdWriter {
    private NetworkdWriter() {
    }

    static void plan(List<Nic> nics, Plan plan) {
        for (Nic nic : nics) {
            StringBuilder f = new StringBuilder("# Written by flar from a sysidcfg.\n[Match]\n");
            f.append("Name=").append(nic.name().orElse(String.join(" ", Nic.WIRED))).append("\n\n[Network]\n");
            boolean v6 = nic.settings().ipv6();
            nic.staticAddress().ifPresentOrElse(s -> {
                f.append("Address=").append(Nic.cidr(s)).append('\n');
                s.defaultRoute().ifPresent(g -> f.append("Gateway=").append(g).append('\n'));
            }, () -> f.append("DHCP=").append(v6 ? "yes" : "ipv4").append('\n'));
            for (String ns : nic.nameServers()) {
                f.append("DNS=").append(ns).append('\n');
            }
            if (!nic.searchDomains().isEmpty()) {
                f.append("Domains=").append(String.join(" ", nic.searchDomains())).append('\n');
            }
            f.append("IPv6AcceptRA=").append(v6 ? "yes" : "no").append('\n');
            f.append("LinkLocalAddressing=").append(v6 ? "ipv6" : "no").append('\n');
            String file = (nic.name().isPresent() ? "05-sysidcfg-" : "06-sysidcfg-") + nic.label() + ".network";
            plan.file(NetworkLayout.NETWORKD_DIR + "/" + file, f.toString(), 0644);
        }
    }
}
