package org.flar.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flar.media.XorrisoMaster;
import org.flar.rescue.BootableMaster;
import org.flar.rescue.RescueSystem;
import org.flar.testing.Cli;
import org.flar.testing.Qemu;
import org.flar.testing.Qemu.Firmware;
import org.flar.testing.RescueFixture;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Machine (c) of the bare-metal tests: BIOS, GPT, {@code /boot} ext4 on its own partition and
 * the rest LUKS2 holding LVM ({@code /} and swap). Built by the rescue system from a hand-written
 * layout and a key file; captured by the rescue system with the key (nothing of the machine
 * running); its recorded layout checked; written as a media set; recovered unattended with the
 * key on a disc of its own onto a blank disk of the same size; and the recovered disk booted,
 * where the machine's own initramfs asks for the passphrase on the serial console, as it would
 * ask its operator, and {@code lsblk} and the SSH host key show the machine that was captured.
 */
@Execution(ExecutionMode.CONCURRENT) // beside the rest of the suite: see junit-platform.properties
class LuksLvmIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Typed at the initramfs's prompt too: ASCII, and no newline, which cryptsetup would take as part of a key file. */
    private static final String KEY = "flar-luks-test-key";
    private static final String LUKS_UUID = "0e0e0e0e-1111-4222-8333-444444444444";
    private static final String BOOT_UUID = "0a0a0a0a-1111-4222-8333-444444444444";
    private static final String ROOT_UUID = "0b0b0b0b-1111-4222-8333-444444444444";
    private static final String SWAP_UUID = "0d0d0d0d-1111-4222-8333-444444444444";
    private static final long DISK = 4L << 30;
    /**
     * PBKDF2 rather than Argon2: luksFormat calibrates either to about two seconds where it runs,
     * but Argon2 also takes memory the recovered machine's initramfs must have when it unlocks.
     */
    static final String LAYOUT_C = """
            {"flar_layout": 1, "firmware": "bios",
             "boot_loader": {"kind": "grub", "targets": ["i386-pc"], "disks": ["/dev/vda"]},
             "disks": [{"device": "/dev/vda", "size": 4294967296, "sector_size": 512,
               "table": {"label": "gpt", "id": "C0C0C0C0-1111-4222-8333-444444444444", "partitions": [
                 {"number": 1, "size": 1048576, "type": "21686148-6449-6E6F-744E-656564454649",
                  "uuid": "C1C1C1C1-1111-4222-8333-444444444444", "name": "bios"},
                 {"number": 2, "size": 536870912, "type": "0FC63DAF-8483-4772-8E79-3D69D8477DE4",
                  "uuid": "C2C2C2C2-1111-4222-8333-444444444444", "name": "boot"},
                 {"number": 3, "type": "CA7D7CCB-63ED-4C53-861C-1742536059CC",
                  "uuid": "C3C3C3C3-1111-4222-8333-444444444444", "name": "crypt"}]}}],
             "crypts": [{"device": "/dev/vda3", "name": "cryptlvm", "version": 2, "uuid": "%s",
               "cipher": "aes-xts-plain64", "key_size": 512, "pbkdf": "pbkdf2", "hash": "sha256"}],
             "volume_groups": [{"name": "vg0", "extent_size": 4194304, "pvs": [{"device": "/dev/mapper/cryptlvm"}],
               "lvs": [{"name": "root", "size": 2684354560}, {"name": "swap", "size": 268435456}]}],
             "file_systems": [
               {"device": "/dev/vda2", "type": "ext4", "label": "boot", "mountpoint": "/boot", "uuid": "%s"},
               {"device": "/dev/vg0/root", "type": "ext4", "label": "root", "mountpoint": "/", "uuid": "%s"}],
             "swaps": [{"device": "/dev/vg0/swap", "uuid": "%s", "label": "swap"}]}
            """.formatted(LUKS_UUID, BOOT_UUID, ROOT_UUID, SWAP_UUID);
    private static final Pattern ROWS = Pattern.compile("vda\\d*|cryptlvm|vg0-\\w+");

    private Path work;
    private RescueSystem rescue;

    @BeforeEach
    void setUp() {
        Tools.requireRoot();
        Qemu.require(Firmware.BIOS);
        Tools.requireTool("xorriso");
        work = Tools.scratchDir("luks-lvm-");
    }

    @AfterEach
    void tearDown() {
        if (System.getenv("FLAR_TEST_KEEP") == null) {
            Tools.deleteTree(work);
        }
    }

    @Test
    void luksHoldingLvmComesBackWithAKeyFile() throws Exception {
        Path root = GuestMachines.layoutRoot();
        String hostname = Files.readString(root.resolve("etc/hostname")).strip();
        String hostKey = Files.readString(root.resolve("etc/ssh/ssh_host_ed25519_key.pub")).strip();
        rescue = RescueFixture.system();

        Path original = build(root);
        Path archive = capture(original);
        String pvUuid = checkRecorded(JSON.readTree(Cli.ok("info", "--layout", "--json", archive.toString()).out()));
        Path recovered = recover(archive);
        bootAndCheck(recovered, hostname, hostKey, pvUuid);
    }

    /** The machine: the root deployed into layout (c) by the rescue system, with its own GRUB and an initramfs that unlocks. */
    private Path build(Path root) throws Exception {
        Path content = GuestMachines.buildContent(work, root, "machine-c", LAYOUT_C);
        Files.writeString(content.resolve("key"), KEY, StandardCharsets.US_ASCII);
        Path iso = work.resolve("build.iso");
        new BootableMaster(rescue, List.of("console=ttyS0,115200", "flar.auto=/dev/vda",
                "flar.layout=/media/FLAR_BUILD/machine-c.layout", "flar.keyfile=/media/FLAR_BUILD/key"))
                .master(content, "FLAR_BUILD", iso);
        Path original = GuestMachines.blank(work, "original.raw", DISK);
        List<String> drives = new ArrayList<>(Qemu.disk(original));
        drives.addAll(Qemu.bootCdrom(iso));
        try (Qemu vm = Qemu.start(work, "build", Firmware.BIOS, drives)) {
            String log = vm.waitFor("RESTORE SUCCEEDED", "RESTORE FAILED", Duration.ofMinutes(30));
            // the crypttab written for the given layout must be inside the initramfs, or the machine cannot unlock its root
            assertThat(log).contains("layout: given in a file").contains("rebuild the initramfs")
                    .contains("install the machine's GRUB for BIOS on /dev/vda");
            vm.waitForExit(Duration.ofMinutes(2));
        }
        return original;
    }

    /** CART's capture from the rescue system, the key on the capture disc: LUKS opened, LVM brought up, read-only. */
    private Path capture(Path original) throws Exception {
        Path disk = GuestMachines.captureDisk(work);
        Path content = Files.createDirectories(work.resolve("capture"));
        Files.writeString(content.resolve("key"), KEY, StandardCharsets.US_ASCII);
        Path iso = work.resolve("capture.iso");
        new BootableMaster(rescue, List.of("console=ttyS0,115200", "flar.capture=LABEL=FLARCAP/img",
                "flar.keyfile=/media/FLAR_CAPTURE/key", "flar.media=none")).master(content, "FLAR_CAPTURE", iso);
        List<String> drives = new ArrayList<>(Qemu.disk(original));
        drives.addAll(Qemu.disk(disk));
        drives.addAll(Qemu.bootCdrom(iso));
        drives.addAll(List.of("-boot", "d")); // the machine's disk boots too now: the CD first
        try (Qemu vm = Qemu.start(work, "capture", Firmware.BIOS, drives)) {
            String log = vm.waitFor("RESTORE SUCCEEDED: captured", "RESTORE FAILED", Duration.ofMinutes(20));
            assertThat(log).doesNotContain("no key given");
            vm.waitForExit(Duration.ofMinutes(2));
        }
        Path archive = work.resolve("captured.flar");
        Tools.run(List.of("debugfs", "-R", "dump /img/capture.flar " + archive, disk.toString()), null);
        return archive;
    }

    /** @return the PV's UUID, which recovery keeps */
    private static String checkRecorded(JsonNode recorded) {
        assertThat(recorded.at("/disks/0/table/label").asText()).isEqualTo("gpt");
        assertThat(recorded.at("/disks/0/table/partitions")).extracting(p -> p.path("type").asText().toUpperCase())
                .containsExactly("21686148-6449-6E6F-744E-656564454649", "0FC63DAF-8483-4772-8E79-3D69D8477DE4",
                        "CA7D7CCB-63ED-4C53-861C-1742536059CC");
        JsonNode crypt = recorded.at("/crypts/0");
        assertThat(crypt.path("device").asText()).isEqualTo("/dev/vda3");
        assertThat(crypt.path("version").asInt()).isEqualTo(2);
        assertThat(crypt.path("uuid").asText()).isEqualTo(LUKS_UUID);
        assertThat(crypt.path("cipher").asText()).isEqualTo("aes-xts-plain64");
        assertThat(crypt.path("key_size").asInt()).isEqualTo(512);
        assertThat(crypt.path("pbkdf").asText()).isEqualTo("pbkdf2");
        assertThat(recorded.path("crypts")).hasSize(1);
        // the capture opened it as luks-UUID; the machine's crypttab calls it cryptlvm, and so must a recovery
        assertThat(crypt.path("name").asText()).isEqualTo("cryptlvm");
        assertThat(recorded.at("/volume_groups/0/name").asText()).isEqualTo("vg0");
        assertThat(recorded.at("/volume_groups/0/pvs/0/device").asText()).isEqualTo("/dev/mapper/cryptlvm");
        assertThat(recorded.at("/volume_groups/0/lvs")).extracting(lv -> lv.path("name").asText())
                .containsExactlyInAnyOrder("root", "swap");
        assertThat(recorded.path("file_systems")).extracting(f -> f.path("mountpoint").asText() + " " + f.path("uuid").asText())
                .containsExactlyInAnyOrder("/ " + ROOT_UUID, "/boot " + BOOT_UUID);
        assertThat(recorded.at("/swaps/0/uuid").asText()).isEqualTo(SWAP_UUID);
        String pv = recorded.at("/volume_groups/0/pvs/0/uuid").asText();
        assertThat(pv).isNotBlank();
        return pv;
    }

    /** From a media set onto a blank disk of the same size, the key on a disc of its own (FLAR_KEY), as a site keeps it apart from the set. */
    private Path recover(Path archive) throws Exception {
        Path set = Files.createDirectories(work.resolve("set"));
        Cli.ok("media", "create", "-q", "--media", "200MiB", "--rescue", rescue.dir().toString(), "--append",
                "flar.auto=/dev/vda flar.keyfile=/media/FLAR_KEY/key", "--name", "machinec", archive.toString(), set.toString());
        List<Path> volumes;
        try (Stream<Path> isos = Files.list(set)) {
            volumes = isos.sorted().toList();
        }
        Path keyFile = Files.writeString(work.resolve("key"), KEY, StandardCharsets.US_ASCII);
        Path keyIso = work.resolve("key.iso");
        XorrisoMaster.run(List.of("-report_about", "SORRY", "-abort_on", "FAILURE", "-outdev", keyIso.toString(), "-volid",
                "FLAR_KEY", "-map", keyFile.toString(), "/key", "-commit"), keyIso);
        Path blank = GuestMachines.blank(work, "recovered.raw", DISK);
        List<String> drives = new ArrayList<>(Qemu.disk(blank));
        drives.addAll(Qemu.bootCdrom(volumes.getFirst()));
        for (int i = 1; i < volumes.size(); i++) {
            drives.addAll(Qemu.cdrom(volumes.get(i), i + 1));
        }
        drives.addAll(Qemu.cdrom(keyIso, volumes.size() + 1));
        try (Qemu vm = Qemu.start(work, "recover", Firmware.BIOS, drives)) {
            String log = vm.waitFor("RESTORE SUCCEEDED", "RESTORE FAILED", Duration.ofMinutes(20));
            assertThat(log).contains("layout: the archive's own").contains("format LUKS2 on /dev/vda3 and open it as /dev/mapper/cryptlvm")
                    .doesNotContain("no key was given");
            vm.waitForExit(Duration.ofMinutes(2));
        }
        return blank;
    }

    /** The passphrase typed where the machine's own initramfs asks for it, then the machine checked from inside. */
    private void bootAndCheck(Path disk, String hostname, String hostKey, String pvUuid) {
        try (Qemu vm = Qemu.start(work, "recovered", Firmware.BIOS, Qemu.disk(disk))) {
            vm.waitFor("Please unlock disk cryptlvm", null, Duration.ofMinutes(8));
            sleep(); // askpass turns echo off and starts reading a moment after the prompt is written
            vm.type(KEY + "\n");
            vm.waitFor(hostname + " login:", "bad password", Duration.ofMinutes(8));
            vm.type("root\n");
            vm.waitFor("Password:", null, Duration.ofMinutes(1));
            vm.type("flar\n");
            vm.waitFor("root@" + hostname + ":~#", null, Duration.ofMinutes(2));
            vm.type("echo LSBLK-$((0+1)); lsblk -n -l -o NAME,FSTYPE,UUID,LABEL,MOUNTPOINT; echo LSBLK-$((1+1))\n");
            String log = vm.waitFor("LSBLK-2", null, Duration.ofMinutes(1));
            Map<String, String> rows = GuestMachines.lsblk(log.substring(log.lastIndexOf("LSBLK-1")), ROWS);
            assertThat(rows.get("vda1")).isEmpty();
            assertThat(rows.get("vda2")).isEqualTo("ext4 " + BOOT_UUID + " boot /boot");
            assertThat(rows.get("vda3")).isEqualTo("crypto_LUKS " + LUKS_UUID);
            assertThat(rows.get("cryptlvm")).isEqualTo("LVM2_member " + pvUuid);
            assertThat(rows.get("vg0-root")).isEqualTo("ext4 " + ROOT_UUID + " root /");
            assertThat(rows.get("vg0-swap")).isEqualTo("swap " + SWAP_UUID + " swap [SWAP]");
            vm.type("echo KEY-$((0+1)); cat /etc/ssh/ssh_host_ed25519_key.pub; echo KEY-$((1+1))\n");
            log = vm.waitFor("KEY-2", null, Duration.ofMinutes(1));
            String shown = log.substring(log.lastIndexOf("KEY-1"), log.lastIndexOf("KEY-2"));
            assertThat(shown.lines().map(String::strip)).contains(hostKey);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
