package org.flar.identity.sysidcfg;

import java.util.List;
import java.util.Optional;

/**
 * A {@code network_interface} entry with its Linux name resolved.
 *
 * @param name the Linux interface name; empty means "the machine's wired interface, whatever
 *        it is called" (an unresolved PRIMARY, for layouts that can match by pattern)
 * @param settings the entry as written
 * @param dns the name servers and search list to attach (the first interface only), or empty
 */
record Nic(Optional<String> name, NetworkInterface settings, Optional<NameService> dns) {
    /** Glob patterns for "any wired interface": kernel names (eth0) and predictable names (enp1s0, ens3, eno1). */
    static final List<String> WIRED = List.of("en*", "eth*");

    /** A file-name-safe label: the interface name, or "primary" for the pattern match (ifupdown's logical name). */
    String label() {
        return name.orElse("primary");
    }

    Optional<NetworkInterface.Static> staticAddress() {
        return settings.addressing() instanceof NetworkInterface.Static s ? Optional.of(s) : Optional.empty();
    }

    /** "192.0.2.10/24". */
    static String cidr(NetworkInterface.Static s) {
        return s.address() + "/" + s.netmask().prefixLength();
    }

    List<String> nameServers() {
        return dns.map(NameService::nameServers).orElse(List.of());
    }

    /** The search list, or the domain alone when there is none (what resolv.conf's "domain" means). */
    List<String> searchDomains() {
        return dns.map(d -> !d.search().isEmpty() ? d.search() : d.domainName().map(List::of).orElse(List.of()))
                .orElse(List.of());
    }
}
