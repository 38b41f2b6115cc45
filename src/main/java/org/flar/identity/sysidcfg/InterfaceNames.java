package org.flar.identity.sysidcfg;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates sysidcfg interface names into Linux ones.
 *
 * <ul>
 * <li>A name the target's configuration already uses, or any name that does not look like
 *     Solaris, is taken as a Linux name as it is ({@code enp1s0}, {@code eth0}).
 * <li>{@code PRIMARY} is the first interface the target's existing configuration names. When
 *     it names none (an unconfigured clone), networkd, netplan, NetworkManager and ifupdown get a
 *     match on the wired interfaces ({@code en*}, {@code eth*}); ifcfg needs a real name, so that
 *     is an error asking for one rather than a guess like {@code eth0}, which predictable
 *     interface names (Debian since 9, RHEL since 7) make wrong.
 * <li>A Solaris name — {@code netN} (Solaris 11's generic names) or a Solaris NIC driver and
 *     instance ({@code e1000g0}, {@code bge1}, {@code hme0}) — is the N-th interface the target
 *     names; N = 0 with nothing named is treated like PRIMARY.
 * </ul>
 */
final class InterfaceNames {
    private static final Pattern SOLARIS = Pattern.compile(
            "(?:net|hme|qfe|eri|ce|ge|bge|e1000g|nge|igb|ixgbe|rge|dmfe|iprb|elxl|pcn|rtls|xge|nxge|vnet|xnf"
                    + "|vmxnet3s|vmxnet|ipge|bnxe|bnx|le)([0-9]+)");

    private InterfaceNames() {
    }

    static List<Nic> resolve(Sysidcfg config, NetworkLayout layout, List<String> existing) throws SysidcfgException {
        List<String> known = existing.stream().filter(n -> !n.isEmpty()).toList();
        boolean patterns = layout != NetworkLayout.IFCFG;
        List<Nic> nics = new ArrayList<>();
        Set<String> used = new HashSet<>();
        Optional<NameService> dns = config.nameService().filter(ns -> ns.kind() == NameService.Kind.DNS);
        for (NetworkInterface nic : config.networkInterfaces()) {
            String at = Origin.nic(nics.size());
            Optional<String> name = linuxName(nic.name(), known, patterns, layout, config.origin(), at);
            if (!used.add(name.orElse(""))) {
                throw config.origin().error(at, "two network_interface entries configure "
                        + name.map(n -> "interface " + n).orElse("the primary interface") + " on this target");
            }
            nics.add(new Nic(name, nic, nics.isEmpty() ? dns : Optional.empty()));
        }
        return nics;
    }

    private static Optional<String> linuxName(String name, List<String> known, boolean patterns, NetworkLayout layout,
            Origin origin, String at) throws SysidcfgException {
        int index = -1;
        if (name.equals(NetworkInterface.PRIMARY)) {
            index = 0;
        } else if (!known.contains(name)) {
            Matcher m = SOLARIS.matcher(name);
            if (m.matches() && m.group(1).length() < 4) {
                index = Integer.parseInt(m.group(1));
            }
        }
        if (index < 0) {
            return Optional.of(name);
        }
        if (index < known.size()) {
            return Optional.of(known.get(index));
        }
        if (index == 0 && patterns) {
            return Optional.empty();
        }
        throw origin.error(at, "cannot tell which Linux interface '" + name + "' is: the target's "
                + layout.name().toLowerCase(java.util.Locale.ROOT) + " configuration names "
                + (known.isEmpty() ? "none" : known.size() + " (" + String.join(", ", known) + ")")
                + "; write the Linux name, e.g. network_interface=enp1s0");
    }
}
