package org.flar.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * File-system types by device number, from /proc/self/mountinfo, so the walker can tell a
 * pseudo or volatile file system (whose contents are never captured) from a real one.
 */
final class MountTable {

    /** Kernel and volatile file systems: their contents are state of the running system, not of the installation. */
    private static final Set<String> VOLATILE = Set.of(
            "proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "ramfs", "cgroup", "cgroup2", "securityfs",
            "debugfs", "tracefs", "pstore", "bpf", "mqueue", "hugetlbfs", "configfs", "fusectl",
            "binfmt_misc", "autofs", "efivarfs", "rpc_pipefs", "nsfs", "selinuxfs");

    private final Map<String, String> typeByDevice;

    private MountTable(Map<String, String> typeByDevice) {
        this.typeByDevice = typeByDevice;
    }

    static MountTable load() {
        Map<String, String> types = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                int dash = line.indexOf(" - ");
                if (f.length > 3 && dash > 0) {
                    String fsType = line.substring(dash + 3).split(" ")[0];
                    types.put(f[2], fsType);
                }
            }
        } catch (IOException e) {
            // Without mountinfo (a chroot without /proc) every file system counts as real.
        }
        return new MountTable(types);
    }

    /** The type of the file system with this device (major:minor), or "unknown". */
    String typeOf(int major, int minor) {
        return typeByDevice.getOrDefault(major + ":" + minor, "unknown");
    }

    boolean isVolatile(int major, int minor) {
        return VOLATILE.contains(typeOf(major, minor));
    }
}
