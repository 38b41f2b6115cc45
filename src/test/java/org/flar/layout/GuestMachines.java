package org.flar.layout;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.flar.testing.Tools;

/** What the bare-metal tests share: the machines' root, what their captures leave out, blank disks, lsblk as the guest shows it. */
final class GuestMachines {
    /** Hardware a virtual machine lacks: left out of the capture to keep emulation near minutes, as MediaRecoveryIT does. */
    static final List<String> LEFT_OUT = List.of("/var/cache/apt", "/var/lib/apt/lists", "/usr/share/doc",
            "/usr/share/man", "/usr/share/locale", "/usr/lib/modules/*/kernel/sound", "/usr/lib/modules/*/kernel/net",
            "/usr/lib/modules/*/kernel/drivers/net", "/usr/lib/modules/*/kernel/drivers/gpu",
            "/usr/lib/modules/*/kernel/drivers/media", "/usr/lib/modules/*/kernel/drivers/infiniband",
            "/usr/lib/modules/*/kernel/drivers/iio", "/usr/lib/modules/*/kernel/drivers/usb",
            "/usr/lib/modules/*/kernel/drivers/staging", "/usr/lib/modules/*/kernel/drivers/hwmon",
            "/usr/lib/modules/*/kernel/drivers/platform", "/usr/lib/modules/*/kernel/drivers/hid",
            "/usr/lib/modules/*/kernel/drivers/bluetooth", "/usr/lib/modules/*/kernel/drivers/input",
            "/usr/lib/modules/*/kernel/drivers/video", "/usr/lib/modules/*/kernel/drivers/mtd");

    private GuestMachines() {
    }

    /**
     * NAME → "FSTYPE UUID LABEL MOUNTPOINT" from lsblk's list output on the serial console, for the
     * rows whose name matches {@code names}; a row with no columns (a BIOS boot partition) maps to "".
     */
    static Map<String, String> lsblk(String console, Pattern names) {
        Map<String, String> rows = new HashMap<>();
        for (String line : console.lines().toList()) {
            String[] f = line.strip().split("\\s+", 2);
            if (names.matcher(f[0]).matches()) {
                rows.put(f[0], f.length == 2 ? f[1].strip().replaceAll("\\s+", " ") : "");
            }
        }
        return rows;
    }

    /** A sparse raw disk image: blank, as a new disk is. */
    static Path blank(Path work, String name, long size) throws Exception {
        Path p = work.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
        return p;
    }

    /** The bare-metal root: bootable Debian with lvm2, mdadm, cryptsetup, xfsprogs and GRUB (scripts/test builds it). */
    static Path layoutRoot() {
        String env = System.getenv("FLAR_TEST_LAYOUT_ROOT");
        Path root = Path.of(env == null || env.isBlank() ? "/var/cache/flar-test/bookworm-layout" : env);
        if (!Files.isDirectory(root.resolve("usr/lib/grub/i386-pc"))) {
            String why = "no bare-metal test root with GRUB at " + root + "; ./scripts/test as root builds it";
            if (Tools.inCi()) {
                throw new AssertionError("CI must have it: " + why);
            }
            org.junit.jupiter.api.Assumptions.abort(why);
        }
        return root;
    }
}
