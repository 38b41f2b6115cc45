package org.flar.identity.sysidcfg;

import java.util.Optional;

/**
 * One {@code network_interface} entry.
 *
 * @param name {@link #PRIMARY}, a Linux interface name, or a Solaris one ({@code net0}, {@code e1000g0}),
 *        translated by the applier (see docs/sysidcfg.md)
 * @param primary {@code primary} was given in the braces (this interface names the host)
 * @param addressing DHCP, or a static address
 * @param hostname the {@code hostname=} inside the braces, if any
 * @param ipv6 {@code protocol_ipv6=yes}
 */
public record NetworkInterface(String name, boolean primary, Addressing addressing, Optional<String> hostname,
        boolean ipv6) {
    public static final String PRIMARY = "PRIMARY";

    /** How the interface gets its IPv4 address. */
    public sealed interface Addressing permits Dhcp, Static {
    }

    /** {@code {dhcp}}. */
    public record Dhcp() implements Addressing {
    }

    /** {@code ip_address=... netmask=... [default_route=...]}; no route means {@code NONE}. */
    public record Static(Ipv4 address, Ipv4 netmask, Optional<Ipv4> defaultRoute) implements Addressing {
    }

    public boolean isPrimaryName() {
        return name.equals(PRIMARY);
    }

    public boolean isDhcp() {
        return addressing instanceof Dhcp;
    }
}
