package org.flar.identity.sysidcfg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed Solaris {@code sysidcfg} file: the per-clone settings that {@link SysidcfgApplier}
 * writes into a target root. Immutable; absent keywords are empty.
 *
 * <p>{@link #origin} (the file and the positions of its values) is not part of the settings:
 * {@code equals} and {@code hashCode} ignore it, so the same settings read from two files are equal.
 *
 * @param networkNone {@code network_interface=NONE}: the clone gets no interface configuration
 */
public record Sysidcfg(Optional<String> hostname, List<NetworkInterface> networkInterfaces, boolean networkNone,
        Optional<NameService> nameService, Optional<String> timezone, Optional<String> systemLocale,
        Optional<String> keyboard, Optional<String> rootPassword, Optional<String> timeserver,
        Optional<SecurityPolicy> securityPolicy, Optional<String> terminal, Optional<String> nfs4Domain,
        Optional<String> serviceProfile, Origin origin) {

    public Sysidcfg {
        networkInterfaces = List.copyOf(networkInterfaces);
        Objects.requireNonNull(origin);
    }

    /**
     * Reads and checks a sysidcfg file.
     *
     * @throws SysidcfgException for any syntax error, unknown or repeated keyword, or malformed
     *         value, with the file's name, line and column
     * @throws IOException when the file cannot be read
     */
    public static Sysidcfg parse(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses sysidcfg text; {@code name} is used in error messages. */
    public static Sysidcfg parse(byte[] content, String name) throws SysidcfgException {
        return new SysidcfgParser(name, SysidcfgLexer.decode(content, name)).parse();
    }

    /** Parses sysidcfg text; {@code name} is used in error messages. */
    public static Sysidcfg parse(String content, String name) throws SysidcfgException {
        return new SysidcfgParser(name, content).parse();
    }

    /** The settings in canonical sysidcfg syntax (which {@link #parse} reads back to equal settings). */
    public String format() {
        return SysidcfgFormatter.format(this);
    }

    /**
     * The host's name: the top-level {@code hostname}, else that of the interface marked
     * {@code primary} or named PRIMARY, else of the first interface that has one.
     */
    public Optional<String> effectiveHostname() {
        if (hostname.isPresent()) {
            return hostname;
        }
        return networkInterfaces.stream()
                .filter(i -> i.primary() || i.isPrimaryName())
                .map(NetworkInterface::hostname).flatMap(Optional::stream).findFirst()
                .or(() -> networkInterfaces.stream().map(NetworkInterface::hostname).flatMap(Optional::stream)
                        .findFirst());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sysidcfg s && hostname.equals(s.hostname) && networkInterfaces.equals(s.networkInterfaces)
                && networkNone == s.networkNone && nameService.equals(s.nameService) && timezone.equals(s.timezone)
                && systemLocale.equals(s.systemLocale) && keyboard.equals(s.keyboard)
                && rootPassword.equals(s.rootPassword) && timeserver.equals(s.timeserver)
                && securityPolicy.equals(s.securityPolicy) && terminal.equals(s.terminal)
                && nfs4Domain.equals(s.nfs4Domain) && serviceProfile.equals(s.serviceProfile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hostname, networkInterfaces, networkNone, nameService, timezone, systemLocale, keyboard,
                rootPassword, timeserver, securityPolicy, terminal, nfs4Domain, serviceProfile);
    }
}
