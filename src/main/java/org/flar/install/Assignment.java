package org.flar.install;

import java.util.List;

/**
 * What the install server tells one machine to do (docs/install-server.md): its profile's
 * decisions with every name resolved for it. Sent as JSON in answer to {@code POST
 * /install/hello}; the machine shows it before it touches a disk.
 *
 * @param machine  how the server names the machine (host name and MAC)
 * @param profile  the profile's file name, for messages
 * @param recovery install_type recovery (the archive's own identity kept) rather than clone
 * @param archives the chain in order, as locations the machine reads (http(s)://, s3://)
 * @param layout   "archive" (the layout the archive recorded; flar's default for one without) or "default"
 * @param disks    the disks to lay out, in order; "rootdisk" is the machine's first free disk
 * @param sysidcfg the machine's sysidcfg, its template filled in and checked, or null
 * @param halt     power off at the end rather than reboot into the new system
 */
public record Assignment(String machine, String profile, boolean recovery, List<String> archives, String layout,
                         List<String> disks, String sysidcfg, boolean halt) {
    public Assignment {
        archives = List.copyOf(archives);
        disks = List.copyOf(disks);
    }
}
