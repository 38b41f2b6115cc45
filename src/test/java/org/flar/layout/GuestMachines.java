package org.flar.layout;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.flar.testing.Cli;
import org.flar.testing.Tools;

/** What the bare-metal tests share: the machines' root, what their captures leave out, blank disks, lsblk as the guest shows it. */
final class GuestMachines {
    /** Hardware a virtual machine lacks: left out of the capture to keep emulation near minutes, as MediaRecoveryIT does. */
    private static final List<String> LEFT_OUT = List.of("/var/cache/apt", "/var/lib/apt/lists", "/usr/share/doc",
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

    /**
     * What the rescue system builds a machine from, on its FLAR_BUILD disc: the root captured as
     * NAME.flar (without what a virtual machine lacks) and the layout given by hand as NAME.layout.
     */
    static Path buildContent(Path work, Path root, String name, String layout) throws Exception {
        Path content = Files.createDirectories(work.resolve("build"));
        List<String> create = new ArrayList<>(List.of("create", "-q", "-n", name, "-R", root.toString()));
        LEFT_OUT.forEach(x -> create.addAll(List.of("-x", x)));
        create.add(content.resolve(name + ".flar").toString());
        Cli.ok(create.toArray(String[]::new));
        Files.writeString(content.resolve(name + ".layout"), layout);
        return content;
    }

    /** The disk a capture from the rescue system is written to: ext4 labelled FLARCAP (flar.capture=LABEL=FLARCAP/...). */
    static Path captureDisk(Path work) throws Exception {
        Path disk = blank(work, "capture.raw", 2L << 30);
        Tools.run(List.of("mke2fs", "-q", "-F", "-t", "ext4", "-L", "FLARCAP", disk.toString()), null);
        return disk;
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
