package org.flar.identity.sysidcfg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /etc/hostname} (the name exactly as the sysidcfg gives it) and {@code /etc/hosts}.
 * In hosts the host's own line follows Debian's convention: its static address when the
 * interface that names it has one, else 127.0.1.1; the fully qualified name comes first when the
 * host name has a dot or a DNS domain is given. Other static interfaces with their own
 * {@code hostname} get a line each. Existing lines for 127.0.1.1 and for the addresses being
 * set are replaced; every other line (localhost, IPv6, local entries) is kept.
 */
final class HostsWriter {
    static final String DEFAULT_HOSTS = """
            127.0.0.1\tlocalhost
            ::1\t\tlocalhost ip6-localhost ip6-loopback
            ff02::1\t\tip6-allnodes
            ff02::2\t\tip6-allrouters
            """;

    private HostsWriter() {
    }

    static void plan(Sysidcfg config, List<Nic> nics, RootFiles root, Plan plan) throws IOException {
        Optional<String> host = config.effectiveHostname();
        if (host.isEmpty()) {
            return;
        }
        plan.file("etc/hostname", host.get() + "\n", 0644);
        Optional<String> domain = config.nameService().flatMap(NameService::domainName);
        Map<String, String> lines = new LinkedHashMap<>(); // address → names
        Nic named = nics.stream().filter(n -> n.settings().primary() || n.settings().isPrimaryName()).findFirst()
                .orElse(nics.isEmpty() ? null : nics.get(0));
        String hostAddress = named == null ? "127.0.1.1"
                : named.staticAddress().map(s -> s.address().toString()).orElse("127.0.1.1");
        lines.put(hostAddress, names(host.get(), domain));
        for (Nic nic : nics) {
            nic.staticAddress().ifPresent(s -> nic.settings().hostname()
                    .filter(h -> !s.address().toString().equals(hostAddress))
                    .ifPresent(h -> lines.put(s.address().toString(), names(h, domain))));
        }
        String old = root.readText("etc/hosts").orElse(DEFAULT_HOSTS);
        List<String> out = new ArrayList<>();
        boolean inserted = false;
        for (String line : old.split("\n", -1)) {
            String address = line.strip().split("\\s+")[0];
            if (address.equals("127.0.1.1") || lines.containsKey(address)) {
                continue;
            }
            out.add(line);
            if (!inserted && address.equals("127.0.0.1")) {
                lines.forEach((a, n) -> out.add(a + "\t" + n));
                inserted = true;
            }
        }
        if (!inserted) {
            List<String> ours = new ArrayList<>();
            lines.forEach((a, n) -> ours.add(a + "\t" + n));
            out.addAll(0, ours);
        }
        String text = String.join("\n", out);
        plan.file("etc/hosts", text.endsWith("\n") ? text : text + "\n", 0644);
    }

    /** "web01.example.com web01", or the name alone. */
    private static String names(String host, Optional<String> domain) {
        if (host.contains(".")) {
            return host + " " + host.substring(0, host.indexOf('.'));
        }
        return domain.map(d -> host + "." + d + " " + host).orElse(host);
    }
}
