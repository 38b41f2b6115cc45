package org.flar.identity.sysidcfg;

import java.io.IOException;
import java.util.List;

/**
 * DNS from {@code name_service=DNS}. When {@code /etc/resolv.conf} is a link into
 * {@code /run/systemd/resolve/} the target uses systemd-resolved, which would overwrite a
 * written file: the servers and search list go into a drop-in,
 * {@code /etc/systemd/resolved.conf.d/sysidcfg.conf}, and the link stays. Otherwise
 * resolv.conf is written (a link elsewhere is replaced by a file, since its target is outside
 * what flar may write). glibc honours only the last of {@code domain} and {@code search}, so a
 * search list is written as {@code search} alone, and {@code domain} only when there is none.
 */
final class ResolverWriter {
    static final String RESOLV_CONF = "etc/resolv.conf";
    static final String RESOLVED_DROPIN = "etc/systemd/resolved.conf.d/sysidcfg.conf";

    private ResolverWriter() {
    }

    static void plan(NameService dns, RootFiles root, Plan plan) throws IOException {
        List<String> search = dns.search();
        if (usesResolved(root)) {
            StringBuilder f = new StringBuilder("# Written by flar from a sysidcfg.\n[Resolve]\n");
            f.append("DNS=").append(String.join(" ", dns.nameServers())).append('\n');
            List<String> domains = !search.isEmpty() ? search : dns.domainName().map(List::of).orElse(List.of());
            if (!domains.isEmpty()) {
                f.append("Domains=").append(String.join(" ", domains)).append('\n');
            }
            plan.file(RESOLVED_DROPIN, f.toString(), 0644);
            return;
        }
        StringBuilder f = new StringBuilder("# Written by flar from a sysidcfg.\n");
        if (!search.isEmpty()) {
            f.append("search ").append(String.join(" ", search)).append('\n');
        } else {
            dns.domainName().ifPresent(d -> f.append("domain ").append(d).append('\n'));
        }
        for (String ns : dns.nameServers()) {
            f.append("nameserver ").append(ns).append('\n');
        }
        plan.file(RESOLV_CONF, f.toString(), 0644);
    }

    static boolean usesResolved(RootFiles root) throws IOException {
        return root.readlink(RESOLV_CONF).map(t -> t.contains("run/systemd/resolve/")).orElse(false);
    }
}
