package org.flar.install;

import java.util.List;
import java.util.Locale;

/**
 * What a booting machine tells the install server about itself, which rules match on.
 *
 * @param macs     its network interfaces' MAC addresses, lower case with colons
 * @param hostname the name DHCP gave it, or null
 * @param arch     the kernel's machine name (x86_64, aarch64)
 * @param disks    its disks' sizes in bytes
 */
public record Machine(List<String> macs, String hostname, String arch, List<Long> disks) {
    public Machine {
        macs = macs == null ? List.of() : macs.stream().map(m -> m == null ? null : m.toLowerCase(Locale.ROOT)).toList();
        disks = disks == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(disks));
    }

    private static final java.util.regex.Pattern ARCH = java.util.regex.Pattern.compile("[a-z0-9_]{1,32}");
    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");

    /**
     * The machine as it said it is over the network, or an IllegalArgumentException naming the
     * field: MACs, a host name and an architecture of their syntax, at most 64 interfaces and
     * disks (a rule's glob and the server's table see nothing else).
     */
    public Machine checked() {
        if (macs.isEmpty() || macs.size() > 64 || !macs.stream().allMatch(m -> m != null && Condition.MAC.matcher(m).matches())) {
            throw new IllegalArgumentException("macs: 1 to 64 MAC addresses (52:54:00:12:34:56)");
        }
        if (hostname != null && !HOST.matcher(hostname).matches()) {
            throw new IllegalArgumentException("hostname: not a host name");
        }
        if (arch == null || !ARCH.matcher(arch).matches()) {
            throw new IllegalArgumentException("arch: not an architecture (x86_64, aarch64)");
        }
        if (disks.size() > 64 || disks.stream().anyMatch(d -> d == null || d < 0)) {
            throw new IllegalArgumentException("disks: at most 64 sizes in bytes");
        }
        return this;
    }

    /** How the machine is named in messages: its host name, else its first MAC. */
    public String describe() {
        return hostname != null ? hostname + " (" + String.join(", ", macs) + ")" : String.join(", ", macs);
    }
}
