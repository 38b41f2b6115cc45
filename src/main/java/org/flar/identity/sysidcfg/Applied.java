package org.flar.identity.sysidcfg;

import java.util.List;

/**
 * What {@link SysidcfgApplier#apply} did.
 *
 * @param written the files written, as the target will see them ({@code /etc/hostname}: a path
 *        inside the root, not on this host), in order
 * @param layout the network configuration format chosen for the target
 * @param notApplied settings that were read but not applied, each with the reason (one line each)
 */
public record Applied(List<String> written, NetworkLayout layout, List<String> notApplied) {
    public Applied {
        written = List.copyOf(written);
        notApplied = List.copyOf(notApplied);
    }
}
