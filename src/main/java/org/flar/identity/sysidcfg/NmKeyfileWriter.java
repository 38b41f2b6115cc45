package org.flar.identity.sysidcfg;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * NetworkManager keyfiles: {@code /etc/NetworkManager/system-connections/sysidcfg-NAME.nmconnection},
 * mode 0600 (NetworkManager ignores keyfiles others can read). The UUID is derived from the
 * interface name, so applying the same sysidcfg twice writes the same file. An unnamed PRIMARY
 * has no {@code interface-name}: NetworkManager then activates it on any Ethernet device.
 */
final class NmKeyfileWriter {
    private NmKeyfileWriter() {
    }

    static void plan(List<Nic> nics, Plan plan) {
        for (Nic nic : nics) {
            String id = "sysidcfg-" + nic.label();
            StringBuilder f = new StringBuilder("# Written by flar from a sysidcfg.\n[connection]\n");
            f.append("id=").append(id).append('\n');
            f.append("uuid=").append(UUID.nameUUIDFromBytes(("flar:" + id).getBytes(StandardCharsets.UTF_8))).append('\n');
            f.append("type=ethernet\n");
            nic.name().ifPresent(n -> f.append("interface-name=").append(n).append('\n'));
            f.append("autoconnect=true\n\n[ethernet]\n\n[ipv4]\n");
            nic.staticAddress().ifPresentOrElse(s -> {
                f.append("method=manual\naddress1=").append(Nic.cidr(s)).append('\n');
                s.defaultRoute().ifPresent(g -> f.append("gateway=").append(g).append('\n'));
            }, () -> f.append("method=auto\n"));
            if (!nic.nameServers().isEmpty()) {
                f.append("dns=").append(String.join(";", nic.nameServers())).append(";\n");
            }
            if (!nic.searchDomains().isEmpty()) {
                f.append("dns-search=").append(String.join(";", nic.searchDomains())).append(";\n");
            }
            f.append("\n[ipv6]\nmethod=").append(nic.settings().ipv6() ? "auto" : "disabled").append('\n');
            plan.file(NetworkLayout.NM_DIR + "/" + id + ".nmconnection", f.toString(), 0600);
        }
    }
}
