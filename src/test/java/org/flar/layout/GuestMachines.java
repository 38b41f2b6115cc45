package org.flar.layout;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flar.testing.Cli;
import org.flar.testing.Qemu;
import org.flar.testing.Qemu.Firmware;
import org.flar.testing.Tools;

/**
 * What the bare-metal tests share: the machines' root, what their captures leave out, blank
 * disks, a recovery from a media set, a root login on the recovered machine's serial console,
 * lsblk as the guest shows it.
 */
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

    /**
     * How long a build, capture or recovery in the rescue system may take: under TCG, with the
     * suite's other machines on the same two cores, machine (c)'s build took 27 minutes.
     */
    static final Duration RESCUE_RUN = Duration.ofMinutes(50);
    /** From RESTORE SUCCEEDED to power-off: the sync of what was written. */
    static final Duration POWER_OFF = Duration.ofMinutes(5);

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

    /** The media set's volumes in DIR, in their order (volume 1, the bootable one, first). */
    static List<Path> volumes(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".iso")).sorted().toList();
        }
    }

    /**
     * An unattended recovery as an operator makes it: BIOS boots volume 1 of the set from CD (its
     * boot entries carry flar.auto), the other volumes and EXTRA discs in further drives, onto the
     * blank DISK. Returns the rescue system's console once it said RESTORE SUCCEEDED and powered off.
     */
    static String recoverFromSet(Path work, String name, List<Path> volumes, List<Path> extra, Path disk) {
        List<String> drives = new ArrayList<>(Qemu.disk(disk));
        drives.addAll(Qemu.bootCdrom(volumes.getFirst()));
        int drive = 2;
        for (Path disc : Stream.concat(volumes.stream().skip(1), extra.stream()).toList()) {
            drives.addAll(Qemu.cdrom(disc, drive++));
        }
        try (Qemu vm = Qemu.start(work, name, Firmware.BIOS, drives)) {
            String log = vm.waitFor("RESTORE SUCCEEDED", "RESTORE FAILED", RESCUE_RUN);
            vm.waitForExit(POWER_OFF);
            return log;
        }
    }

    /** Logs in as root (password "flar") at the machine's login prompt, runs COMMAND, and returns what it printed. */
    static String loginAndRun(Qemu vm, String hostname, String command) {
        vm.waitFor(hostname + " login:", null, Duration.ofMinutes(15));
        vm.type("root\n");
        vm.waitFor("Password:", null, Duration.ofMinutes(2));
        vm.type("flar\n");
        vm.waitFor("root@" + hostname + ":~#", null, Duration.ofMinutes(3));
        // the markers are computed by the shell, so the echoed command line cannot match them
        vm.type("echo RUN-$((0+1)); " + command + "; echo RUN-$((1+1))\n");
        String log = vm.waitFor("RUN-2", null, Duration.ofMinutes(2));
        return log.substring(log.lastIndexOf("RUN-1"), log.lastIndexOf("RUN-2"));
    }

    /**
     * The recovered machine's {@code lvs -o lv_name,lv_uuid,vg_uuid} (in OUT) shows every logical
     * volume of the recorded layout's first volume group with its recorded UUID, in the recorded group.
     */
    static void lvmAsRecorded(String out, JsonNode recorded) {
        JsonNode vg = recorded.at("/volume_groups/0");
        org.assertj.core.api.Assertions.assertThat(vg.path("uuid").asText()).as("the recorded VG UUID").isNotBlank();
        for (JsonNode lv : vg.path("lvs")) {
            org.assertj.core.api.Assertions.assertThat(out).as("lvs on the recovered machine")
                    .containsPattern("(?m)^\\s*" + lv.path("name").asText() + "\\s+" + Pattern.quote(lv.path("uuid").asText())
                            + "\\s+" + Pattern.quote(vg.path("uuid").asText()) + "\\s*$");
        }
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
