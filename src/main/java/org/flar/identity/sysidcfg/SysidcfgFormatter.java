package org.flar.identity.sysidcfg;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Canonical sysidcfg text: one keyword a line, dependent keywords in braces on the same line. */
final class SysidcfgFormatter {
    private SysidcfgFormatter() {
    }

    static String format(Sysidcfg c) {
        StringBuilder out = new StringBuilder();
        c.hostname().ifPresent(v -> line(out, "hostname", v, List.of()));
        if (c.networkNone()) {
            line(out, "network_interface", "NONE", List.of());
        }
        for (NetworkInterface n : c.networkInterfaces()) {
            List<String> subs = new ArrayList<>();
            if (n.primary()) {
                subs.add("primary");
            }
            n.hostname().ifPresent(h -> subs.add(pair("hostname", h)));
            switch (n.addressing()) {
                case NetworkInterface.Dhcp d -> subs.add("dhcp");
                case NetworkInterface.Static s -> {
                    subs.add(pair("ip_address", s.address().toString()));
                    subs.add(pair("netmask", s.netmask().toString()));
                    subs.add(pair("default_route", s.defaultRoute().map(Ipv4::toString).orElse("NONE")));
                }
            }
            subs.add(pair("protocol_ipv6", n.ipv6() ? "yes" : "no"));
            line(out, "network_interface", n.name(), subs);
        }
        c.nameService().ifPresent(ns -> {
            List<String> subs = new ArrayList<>();
            ns.domainName().ifPresent(d -> subs.add(pair("domain_name", d)));
            if (!ns.nameServers().isEmpty()) {
                subs.add(pair("name_server", String.join(",", ns.nameServers())));
            }
            if (!ns.search().isEmpty()) {
                subs.add(pair("search", String.join(",", ns.search())));
            }
            ns.ldap().ifPresent(l -> {
                optional(subs, "profile", l.profile());
                optional(subs, "profile_server", l.profileServer());
                optional(subs, "proxy_dn", l.proxyDn());
                optional(subs, "proxy_password", l.proxyPassword());
            });
            line(out, "name_service", ns.kind().keyword(), subs);
        });
        c.timezone().ifPresent(v -> line(out, "timezone", v, List.of()));
        c.systemLocale().ifPresent(v -> line(out, "system_locale", v, List.of()));
        c.keyboard().ifPresent(v -> line(out, "keyboard", v, List.of()));
        c.rootPassword().ifPresent(v -> line(out, "root_password", v, List.of()));
        c.timeserver().ifPresent(v -> line(out, "timeserver", v, List.of()));
        c.securityPolicy().ifPresent(p -> {
            List<String> subs = new ArrayList<>();
            optional(subs, "default_realm", p.defaultRealm());
            optional(subs, "admin_server", p.adminServer());
            if (!p.kdcs().isEmpty()) {
                subs.add(pair("kdc", String.join(",", p.kdcs())));
            }
            line(out, "security_policy", p.kerberos() ? "kerberos" : "NONE", subs);
        });
        c.terminal().ifPresent(v -> line(out, "terminal", v, List.of()));
        c.nfs4Domain().ifPresent(v -> line(out, "nfs4_domain", v, List.of()));
        c.serviceProfile().ifPresent(v -> line(out, "service_profile", v, List.of()));
        return out.toString();
    }

    private static void optional(List<String> subs, String key, Optional<String> value) {
        value.ifPresent(v -> subs.add(pair(key, v)));
    }

    private static void line(StringBuilder out, String keyword, String value, List<String> subs) {
        out.append(keyword).append('=').append(quote(value));
        if (!subs.isEmpty()) {
            out.append(" {").append(String.join(" ", subs)).append('}');
        }
        out.append('\n');
    }

    private static String pair(String key, String value) {
        return key + "=" + quote(value);
    }

    /** Quotes a value that a bare word cannot carry; sysidcfg has no escapes, so one quote kind must be free. */
    static String quote(String v) {
        if (!v.isEmpty() && v.chars().noneMatch(ch -> " \t\r\n={}'\"#".indexOf(ch) >= 0)) {
            return v;
        }
        if (v.indexOf('"') < 0) {
            return '"' + v + '"';
        }
        if (v.indexOf('\'') < 0) {
            return "'" + v + "'";
        }
        throw new IllegalArgumentException("a sysidcfg value cannot hold both quote characters: " + v);
    }
}
