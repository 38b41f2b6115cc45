package org.flar.layout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code blkid -p} reads off a device itself. lsblk takes file system and partition
 * attributes from udev's database, which a rescue system (and a container) does not have: there
 * its UUID, LABEL, FSTYPE and PTTYPE columns are empty, so they are probed here.
 */
final class Blkid {
    private static final Map<String, String> LSBLK_NAME = Map.of("UUID", "uuid", "LABEL", "label", "TYPE", "fstype",
            "VERSION", "fsver", "PTTYPE", "pttype", "PTUUID", "ptuuid", "PART_ENTRY_TYPE", "parttype",
            "PART_ENTRY_UUID", "partuuid", "PART_ENTRY_NAME", "partlabel");

    private Blkid() {
    }

    static Map<String, String> probe(String device) {
        Map<String, String> out = new HashMap<>();
        try {
            for (String line : Command.of("blkid", "-p", "-o", "export", device).run().lines().toList()) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            // nothing blkid recognizes on it (exit 2), or it cannot be read: lsblk's columns stay
        }
        return out;
    }

    /** lsblk's empty columns filled from the probe. */
    static void fill(ObjectNode lsblk, String device) {
        Map<String, String> p = probe(device);
        LSBLK_NAME.forEach((key, column) -> {
            if (p.containsKey(key) && (!lsblk.hasNonNull(column) || lsblk.get(column).asText().isBlank())) {
                lsblk.put(column, p.get(key));
            }
        });
    }

    /** An fstab or crypttab spec (UUID=, LABEL=, PARTUUID=, a device path) as the device here, or null. */
    static String device(String spec) {
        try {
            if (spec.startsWith("UUID=")) {
                return Command.of("blkid", "-U", spec.substring(5)).run().strip();
            }
            if (spec.startsWith("LABEL=")) {
                return Command.of("blkid", "-L", spec.substring(6)).run().strip();
            }
            if (spec.startsWith("PARTUUID=")) {
                return Command.of("blkid", "-t", spec, "-o", "device").run().lines().findFirst().orElse(null);
            }
        } catch (IOException e) {
            return null;
        }
        return spec.startsWith("/dev/") && java.nio.file.Files.exists(java.nio.file.Path.of(spec)) ? spec : null;
    }
}
