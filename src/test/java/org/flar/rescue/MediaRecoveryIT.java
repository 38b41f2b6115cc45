package org.flar.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flar.testing.BootableDebianRoot;
import org.flar.testing.Cli;
import org.flar.testing.IndependentComparison;
import org.flar.testing.Qemu;
import org.flar.testing.Qemu.Firmware;
import org.flar.testing.RescueFixture;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bare-metal recovery end to end, as the seed's CART did it: a bootable Debian root is captured,
 * written as a media set of three volumes with a bootable volume 1, and volume 1 boots in qemu
 * with {@code flar.auto=/dev/vda}, volumes 2 and 3 in further CD drives, onto a blank 4 GiB
 * disk. The rescue system partitions, restores and installs GRUB; then the disk alone boots on
 * BIOS and on UEFI to the captured system's login prompt, and its files are those of the root
 * (mtree, getfattr, getfacl on the restored file system, mounted read-only on the host).
 *
 * <p>To keep pure emulation (TCG) near five minutes, the capture leaves out the kernel modules of
 * hardware a virtual machine lacks (sound, network, GPU, media ... drivers: 300 of the root's
 * 800 MB) and apt's download cache; the restored system's own initramfs has what it boots with.
 */
class MediaRecoveryIT {
    private static final List<String> LEFT_OUT = List.of("/var/cache/apt", "/usr/lib/modules/*/kernel/sound",
            "/usr/lib/modules/*/kernel/net", "/usr/lib/modules/*/kernel/drivers/net",
            "/usr/lib/modules/*/kernel/drivers/gpu", "/usr/lib/modules/*/kernel/drivers/media",
            "/usr/lib/modules/*/kernel/drivers/infiniband", "/usr/lib/modules/*/kernel/drivers/scsi",
            "/usr/lib/modules/*/kernel/drivers/iio", "/usr/lib/modules/*/kernel/drivers/usb",
            "/usr/lib/modules/*/kernel/drivers/staging", "/usr/lib/modules/*/kernel/drivers/hwmon",
            "/usr/lib/modules/*/kernel/drivers/platform", "/usr/lib/modules/*/kernel/drivers/hid");

    private Path work;

    @BeforeEach
    void setUp() {
        Tools.requireRoot();
        Qemu.require(Firmware.UEFI);
        work = Tools.scratchDir("media-recovery-");
    }

    @AfterEach
    void tearDown() {
        if (System.getenv("FLAR_TEST_KEEP") == null) { // set it to look at the disk and logs of a failed run
            Tools.deleteTree(work);
        }
    }

    @Test
    void aMediaSetRestoresABootableMachineOntoABlankDisk() throws Exception {
        Path root = BootableDebianRoot.cached();
        String hostname = Files.readString(root.resolve("etc/hostname")).strip();
        RescueSystem rescue = RescueFixture.system();

        Path archive = work.resolve("bootable.flar");
        List<String> create = new ArrayList<>(List.of("create", "-q", "-n", "bootable", "-R", root.toString()));
        LEFT_OUT.forEach(x -> create.addAll(List.of("-x", x)));
        create.add(archive.toString());
        Cli.ok(create.toArray(String[]::new));

        Path set = Files.createDirectories(work.resolve("set"));
        Cli.ok("media", "create", "-q", "--media", "100MiB", "--rescue", rescue.dir().toString(),
                "--append", "flar.auto=/dev/vda", "--name", "boottest", archive.toString(), set.toString());
        List<Path> volumes;
        try (Stream<Path> isos = Files.list(set)) {
            volumes = isos.sorted().toList();
        }
        assertThat(volumes).extracting(p -> p.getFileName().toString())
                .containsExactly("boottest-1.iso", "boottest-2.iso", "boottest-3.iso");

        Path disk = work.resolve("disk.raw");
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(4L << 30);
        }
        List<String> drives = new ArrayList<>(Qemu.disk(disk));
        drives.addAll(Qemu.bootCdrom(volumes.get(0)));
        drives.addAll(Qemu.cdrom(volumes.get(1), 2));
        drives.addAll(Qemu.cdrom(volumes.get(2), 3));
        try (Qemu vm = Qemu.start(work, "restore", Firmware.BIOS, drives)) {
            String log = vm.waitFor("RESTORE SUCCEEDED", "RESTORE FAILED", Duration.ofMinutes(15));
            assertThat(log).contains("flar.auto: recovering onto /dev/vda without asking")
                    .contains("content_name=bootable")
                    .containsPattern("volume FLAR_[0-9A-F]{8}_2 on /dev/sr")
                    .containsPattern("volume FLAR_[0-9A-F]{8}_3 on /dev/sr")
                    .contains("recovering: flar recover --yes --target-disks /dev/vda --media")
                    .contains("layout: flar's default");
            vm.waitForExit(Duration.ofMinutes(2));
        }

        assertDefaultLayout(disk);
        assertRestoredFilesAreTheRoots(disk, root);

        for (Firmware firmware : Firmware.values()) {
            try (Qemu vm = Qemu.start(work, "restored-" + firmware, firmware, Qemu.disk(disk))) {
                vm.waitFor(hostname + " login:", null, Duration.ofMinutes(6));
            }
        }
    }

    /** GPT: BIOS boot 1 MiB, EFI system 256 MiB, Linux root the rest, as sfdisk reads it. */
    private static void assertDefaultLayout(Path disk) throws Exception {
        JsonNode table = new ObjectMapper().readTree(Tools.run(List.of("sfdisk", "--json", disk.toString()), null))
                .get("partitiontable");
        assertThat(table.get("label").asText()).isEqualTo("gpt");
        JsonNode parts = table.get("partitions");
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).get("type").asText()).isEqualToIgnoringCase("21686148-6449-6E6F-744E-656564454649");
        assertThat(parts.get(0).get("size").asLong()).isEqualTo(2048);
        assertThat(parts.get(1).get("type").asText()).isEqualToIgnoringCase("C12A7328-F81F-11D2-BA4B-00A0C93EC93B");
        assertThat(parts.get(1).get("size").asLong()).isEqualTo(256 * 2048);
        assertThat(parts.get(2).get("type").asText()).isEqualToIgnoringCase("0FC63DAF-8483-4772-8E79-3D69D8477DE4");
        long espStart = parts.get(1).get("start").asLong() * 512;
        assertThat(Tools.run(List.of("mdir", "-b", "-i", disk + "@@" + espStart, "::/EFI/BOOT"), null))
                .containsIgnoringCase("BOOTX64.EFI");
    }

    /**
     * The restored root file system against the captured root, by mtree, getfattr and getfacl: only
     * what was left out of the capture and what the restore writes on purpose may differ.
     */
    private void assertRestoredFilesAreTheRoots(Path disk, Path root) throws Exception {
        JsonNode parts = new ObjectMapper().readTree(Tools.run(List.of("sfdisk", "--json", disk.toString()), null))
                .get("partitiontable").get("partitions");
        long rootStart = parts.get(2).get("start").asLong() * 512;
        Path mnt = Files.createDirectories(work.resolve("mnt"));
        Tools.run(List.of("mount", "-t", "ext4", "-o", "ro,loop,offset=" + rootStart, disk.toString(), mnt.toString()),
                null);
        try {
            assertThat(Files.readString(mnt.resolve("etc/fstab"))).containsPattern("UUID=\\S+\\s+/\\s+ext4")
                    .containsPattern("UUID=\\S+\\s+/boot/efi\\s+vfat");
            assertThat(mnt.resolve("boot/grub/grub.cfg")).content().contains("console=ttyS0");
            List<String> unexpected = IndependentComparison.differences(root, mnt).stream()
                    .filter(d -> !expectedDifference(d))
                    .toList();
            assertThat(unexpected).isEmpty();
        } finally {
            Tools.run(List.of("umount", mnt.toString()), null);
        }
    }

    /**
     * What may differ: entries left out of the capture (apt's cache, kernel modules) or volatile
     * (/run is captured empty); what the restore adds on purpose (ext4's lost+found, flar's
     * deployment state, GRUB, the ESP's mount point, the new fstab) and the mtime of /boot, which
     * holds two of them.
     */
    private static final Pattern ADDED = Pattern.compile("(lost\\+found|var/lib/flar|boot/grub|boot/efi)(/.*)?|etc/fstab(\\.before-flar-restore)?");
    private static final Pattern LEFT_OUT_OR_VOLATILE = Pattern.compile("(var/cache/apt|usr/lib/modules|run)(/.*)?");

    private static boolean expectedDifference(String line) {
        Matcher m = Pattern.compile("^\\w+: (?:extra: |missing: )?(?:\\./)?([^:\\s]+)").matcher(line);
        if (!m.find()) {
            return false;
        }
        String path = m.group(1);
        if (path.equals("boot")) {
            return line.matches("(mtree|find): boot: +(modification time|mtime) [^;]*");
        }
        return ADDED.matcher(path).matches()
                || line.contains(": missing: ") && LEFT_OUT_OR_VOLATILE.matcher(path).matches();
    }
}
