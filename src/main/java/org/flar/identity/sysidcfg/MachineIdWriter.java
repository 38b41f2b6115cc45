package org.flar.identity.sysidcfg;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A clone being configured gets its own systemd machine ID now. An unconfigured clone's is
 * {@code uninitialized} (or empty), which makes the next boot a first boot, and systemd-firstboot
 * then asks on the console for a locale, time zone and root password before udev even starts: a
 * machine JumpStart configured must come up hands-off, as Solaris' sysidcfg made sysidtool ask
 * nothing. A root that has an ID keeps it.
 */
final class MachineIdWriter {
    private static final String PATH = "etc/machine-id";

    private MachineIdWriter() {
    }

    static void plan(RootFiles root, Plan plan) throws IOException {
        if (!root.isRegularFile(PATH) || root.lstat(PATH).orElseThrow().size() > 64) {
            return; // no systemd, a link someone chose, or no ID file at all: not ours to decide
        }
        String id = root.readText(PATH).orElse("").strip();
        if (id.isEmpty() || id.equals("uninitialized")) {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            plan.file(PATH, HexFormat.of().formatHex(random) + "\n", 0444);
        }
    }
}
