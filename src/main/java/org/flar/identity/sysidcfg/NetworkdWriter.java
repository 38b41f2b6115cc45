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

    private static final String WANTS = "etc/systemd/system/multi-user.target.wants/systemd-networkd.service";

    static void plan(List<Nic> nics, RootFiles root, Plan plan) throws java.io.IOException {
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
        enable(root, plan);
    }

    /**
     * networkd is the fallback when a root has no other network configuration, and Debian ships it
     * disabled: a file it never reads would leave the clone without its address. It is enabled as
     * {@code systemctl enable} would (the service and its socket), unless it is already.
     */
    private static void enable(RootFiles root, Plan plan) throws java.io.IOException {
        // /lib is a link into /usr on merged roots: looked at only where it is a directory of its own
        List<String> dirs = root.isDirectory("lib") ? List.of("usr/lib/systemd/system", "lib/systemd/system")
                : List.of("usr/lib/systemd/system");
        for (String dir : dirs) {
            if (root.lstat(dir + "/systemd-networkd.service").isPresent()) {
                if (root.lstat(WANTS).isEmpty()) {
                    String unit = "/" + dir.replaceFirst("^usr/", "") + "/";
                    plan.link(WANTS, unit + "systemd-networkd.service");
                    plan.link("etc/systemd/system/sockets.target.wants/systemd-networkd.socket", unit + "systemd-networkd.socket");
                }
                return;
            }
        }
        plan.note("systemd-networkd is not installed in the target: its file is written for when it is");
    }
}
