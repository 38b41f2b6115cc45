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
import org.flar.media.XorrisoMaster;
import org.flar.rescue.BootableMaster;
import org.flar.rescue.RescueSystem;
import org.flar.testing.Cli;
import org.flar.testing.Qemu;
import org.flar.testing.Qemu.Firmware;
import org.flar.testing.RescueFixture;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Machine (c) of the bare-metal tests: BIOS, GPT, {@code /boot} ext4 on its own partition and
 * the rest LUKS2 holding LVM ({@code /} and swap). Built by the rescue system from a hand-written
 * layout and a key file; captured by the rescue system with the key (nothing of the machine
 * running); its recorded layout checked; written as a media set. Then, each test on its own:
 * recovered unattended with the key on a disc of its own onto a blank disk of the same size, a
 * larger one (the root volume takes the space) or a smaller one (LUKS, its PV and the root volume
 * shrink), and the recovered disk booted, where the machine's own initramfs asks for the
 * passphrase on the serial console, as it would ask its operator, and {@code lsblk} and the SSH
 * host key show the machine that was captured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one machine built and captured, three recoveries of it
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
    private String hostname;
    private String hostKey;
    private String pvUuid;
    private List<Path> volumes;
    private Path keyIso;
    private JsonNode recorded;

    @BeforeAll
    void buildCaptureAndWriteTheSet() throws Exception {
        Tools.requireRoot();
        Qemu.require(Firmware.BIOS);
        Tools.requireTool("xorriso");
        work = Tools.scratchDir("luks-lvm-");
        Path root = GuestMachines.layoutRoot();
        hostname = Files.readString(root.resolve("etc/hostname")).strip();
        hostKey = Files.readString(root.resolve("etc/ssh/ssh_host_ed25519_key.pub")).strip();
        rescue = RescueFixture.system();

        Path original = build(root);
        Path archive = capture(original);
        recorded = JSON.readTree(Cli.ok("info", "--layout", "--json", archive.toString()).out());
        pvUuid = checkRecorded(recorded);
        writeSet(archive);
    }

    @AfterAll
    void tearDown() {
        if (work != null && System.getenv("FLAR_TEST_KEEP") == null) {
            Tools.deleteTree(work);
        }
    }

    @Test
    void comesBackOnADiskOfTheSameSize() throws Exception {
        assertThat(recoverAndCheck("same", DISK)).doesNotContain("change: /dev/vg0/root");
    }

    @Test
    void comesBackOnALargerDiskWithTheRootVolumeGrown() throws Exception {
        assertThat(recoverAndCheck("larger", 5L << 30)).containsPattern("change: /dev/vg0/root: 2.5 GiB -> 4\\.\\d GiB");
    }

    @Test
    void comesBackOnASmallerDiskWithLuksAndTheRootVolumeShrunk() throws Exception {
        assertThat(recoverAndCheck("smaller", 3L << 30)).containsPattern("change: /dev/vg0/root: 2.5 GiB -> 2\\.\\d GiB");
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
            String log = vm.waitFor("RESTORE SUCCEEDED", "RESTORE FAILED", GuestMachines.RESCUE_RUN);
            // the crypttab written for the given layout must be inside the initramfs, or the machine cannot unlock its root
            assertThat(log).contains("layout: given in a file").contains("rebuild the initramfs")
                    .contains("install the machine's GRUB for BIOS on /dev/vda");
            vm.waitForExit(GuestMachines.POWER_OFF);
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
            String log = vm.waitFor("RESTORE SUCCEEDED: captured", "RESTORE FAILED", GuestMachines.RESCUE_RUN);
            assertThat(log).doesNotContain("no key given");
            vm.waitForExit(GuestMachines.POWER_OFF);
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

    /** The media set, and the key on a disc of its own (FLAR_KEY), as a site keeps it apart from the set. */
    private void writeSet(Path archive) throws Exception {
        Path set = Files.createDirectories(work.resolve("set"));
        Cli.ok("media", "create", "-q", "--media", "200MiB", "--rescue", rescue.dir().toString(), "--append",
                "flar.auto=/dev/vda flar.keyfile=/media/FLAR_KEY/key flar.grow-lv=vg0/root", "--name", "machinec",
                archive.toString(), set.toString());
        volumes = GuestMachines.volumes(set);
        Path keyFile = Files.writeString(work.resolve("key"), KEY, StandardCharsets.US_ASCII);
        keyIso = work.resolve("key.iso");
        XorrisoMaster.run(List.of("-report_about", "SORRY", "-abort_on", "FAILURE", "-outdev", keyIso.toString(), "-volid",
                "FLAR_KEY", "-map", keyFile.toString(), "/key", "-commit"), keyIso);
    }

    /**
     * Recovers the set onto a blank disk of SIZE; then the passphrase typed where the machine's own
     * initramfs asks for it, and the machine checked from inside. Returns the recovery's console.
     */
    private String recoverAndCheck(String name, long size) throws Exception {
        Path disk = GuestMachines.blank(work, name + ".raw", size);
        String recovery = GuestMachines.recoverFromSet(work, "recover-" + name, volumes, List.of(keyIso), disk);
        assertThat(recovery).contains("layout: the archive's own")
                .contains("format LUKS2 on /dev/vda3 and open it as /dev/mapper/cryptlvm").doesNotContain("no key was given");
        try (Qemu vm = Qemu.start(work, "recovered-" + name, Firmware.BIOS, Qemu.disk(disk))) {
            vm.waitFor("Please unlock disk cryptlvm", null, Duration.ofMinutes(15));
            sleep(); // askpass turns echo off and starts reading a moment after the prompt is written
            vm.type(KEY + "\n");
            String out = GuestMachines.loginAndRun(vm, hostname,
                    "lsblk -n -l -o NAME,FSTYPE,UUID,LABEL,MOUNTPOINT; cat /etc/ssh/ssh_host_ed25519_key.pub;"
                            + " lvm lvs --noheadings -o lv_name,lv_uuid,vg_uuid vg0");
            assertThat(vm.log()).doesNotContain("bad password");
            Map<String, String> rows = GuestMachines.lsblk(out, ROWS);
            assertThat(rows.get("vda1")).isEmpty();
            assertThat(rows.get("vda2")).isEqualTo("ext4 " + BOOT_UUID + " boot /boot");
            assertThat(rows.get("vda3")).isEqualTo("crypto_LUKS " + LUKS_UUID);
            assertThat(rows.get("cryptlvm")).isEqualTo("LVM2_member " + pvUuid);
            assertThat(rows.get("vg0-root")).isEqualTo("ext4 " + ROOT_UUID + " root /");
            assertThat(rows.get("vg0-swap")).isEqualTo("swap " + SWAP_UUID + " swap [SWAP]");
            assertThat(out.lines().map(String::strip)).contains(hostKey);
            GuestMachines.lvmAsRecorded(out, recorded);
        }
        return recovery;
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
