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
        macs = macs.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList();
        disks = List.copyOf(disks);
    }

    /** How the machine is named in messages: its host name, else its first MAC. */
    public String describe() {
        return hostname != null ? hostname + " (" + String.join(", ", macs) + ")" : String.join(", ", macs);
    }
}
