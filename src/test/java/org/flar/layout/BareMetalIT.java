package org.flar.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
 * A machine as it was, end to end under qemu: built from a Debian root with its own GRUB into a
 * BIOS + MBR layout given by hand ({@code /boot} ext4 on its own partition, LVM with {@code /},
 * {@code /var} and swap) by the rescue system's {@code flar recover --layout}; captured by the
 * rescue system from its disks with nothing of it running ({@code flar.capture}); the archive's
 * recorded layout checked; written as a media set. Then, each test on its own: recovered
 * unattended from the set onto a blank disk of the same size, a larger one ({@code flar.grow-lv}
 * takes the space) or a smaller one (the root volume shrinks to what it holds), and the recovered
 * disk booted to its login prompt, where {@code lsblk} shows the recorded devices, file systems,
 * UUIDs and labels, and the SSH host key is the original's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one machine built and captured, three recoveries of it
@Execution(ExecutionMode.CONCURRENT) // beside the rest of the suite: see junit-platform.properties
class BareMetalIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VDA_OR_VG0 = Pattern.compile("vda\\d*|vg0-\\w+");
    private static final long DISK = 4L << 30;

    private Path work;
    private String hostname;
    private String hostKey;
    private List<Path> volumes;
    private JsonNode recorded;

    @BeforeAll
    void buildCaptureAndWriteTheSet() throws Exception {
        Tools.requireRoot();
        Qemu.require(Firmware.BIOS);
        work = Tools.scratchDir("bare-metal-");
        Path root = GuestMachines.layoutRoot();
        hostname = Files.readString(root.resolve("etc/hostname")).strip();
        hostKey = Files.readString(root.resolve("etc/ssh/ssh_host_ed25519_key.pub")).strip();
        RescueSystem rescue = RescueFixture.system();

        // the machine: the root deployed into layout (a) by the rescue system, with its own GRUB
        Path content = GuestMachines.buildContent(work, root, "machine-a", LayoutFixtures.HAND_WRITTEN_A);
        Path buildIso = work.resolve("build.iso");
        new BootableMaster(rescue, List.of("console=ttyS0,115200", "flar.auto=/dev/vda",
                "flar.layout=/media/FLAR_BUILD/machine-a.layout")).master(content, "FLAR_BUILD", buildIso);
        Path original = GuestMachines.blank(work, "original.raw", DISK);
        List<String> drives = new ArrayList<>(Qemu.disk(original));
        drives.addAll(Qemu.bootCdrom(buildIso));
        try (Qemu vm = Qemu.start(work, "build", Firmware.BIOS, drives)) {
            String log = vm.waitFor("RESTORE SUCCEEDED", "RESTORE FAILED", GuestMachines.RESCUE_RUN);
            assertThat(log).contains("layout: given in a file").contains("install the machine's GRUB for BIOS on /dev/vda");
            vm.waitForExit(GuestMachines.POWER_OFF);
        }

        // CART's capture: the rescue system reads the machine's disks, nothing of it running
        Path capture = GuestMachines.captureDisk(work);
        Path emptyContent = Files.createDirectories(work.resolve("empty"));
        Path captureIso = work.resolve("capture.iso");
        new BootableMaster(rescue, List.of("console=ttyS0,115200", "flar.capture=LABEL=FLARCAP/img", "flar.media=none"))
                .master(emptyContent, "FLAR_CAPTURE", captureIso);
        drives = new ArrayList<>(Qemu.disk(original));
        drives.addAll(Qemu.disk(capture));
        drives.addAll(Qemu.bootCdrom(captureIso));
        drives.addAll(List.of("-boot", "d")); // the machine's disk boots too now: the CD first
        try (Qemu vm = Qemu.start(work, "capture", Firmware.BIOS, drives)) {
            vm.waitFor("RESTORE SUCCEEDED: captured", "RESTORE FAILED", GuestMachines.RESCUE_RUN);
            vm.waitForExit(GuestMachines.POWER_OFF);
        }
        Path archive = work.resolve("captured.flar");
        Tools.run(List.of("debugfs", "-R", "dump /img/capture.flar " + archive, capture.toString()), null);

        recorded = JSON.readTree(Cli.ok("info", "--layout", "--json", archive.toString()).out());
        assertThat(recorded.path("firmware").asText()).isEqualTo("bios");
        assertThat(recorded.at("/boot_loader/kind").asText()).isEqualTo("grub");
        assertThat(recorded.at("/boot_loader/disks/0").asText()).isEqualTo("/dev/vda");
        assertThat(recorded.at("/disks/0/size").asLong()).isEqualTo(DISK);
        assertThat(recorded.at("/disks/0/table/label").asText()).isEqualTo("dos");
        assertThat(recorded.at("/disks/0/table/id").asText()).isEqualTo("0x5eed0a11");
        assertThat(recorded.at("/volume_groups/0/lvs")).extracting(lv -> lv.path("name").asText())
                .containsExactlyInAnyOrder("root", "var", "swap");
        assertThat(recorded.path("file_systems")).extracting(f -> f.path("mountpoint").asText() + " " + f.path("uuid").asText())
                .containsExactlyInAnyOrder("/ 0b0b0b0b-1111-4222-8333-444444444444",
                        "/boot 0a0a0a0a-1111-4222-8333-444444444444", "/var 0c0c0c0c-1111-4222-8333-444444444444");
        assertThat(recorded.at("/swaps/0/uuid").asText()).isEqualTo("0d0d0d0d-1111-4222-8333-444444444444");

        Path set = Files.createDirectories(work.resolve("set"));
        Cli.ok("media", "create", "-q", "--media", "200MiB", "--rescue", rescue.dir().toString(), "--append",
                "flar.auto=/dev/vda flar.grow-lv=vg0/root", "--name", "machinea", archive.toString(), set.toString());
        volumes = GuestMachines.volumes(set);
    }

    @AfterAll
    void tearDown() {
        if (work != null && System.getenv("FLAR_TEST_KEEP") == null) {
            Tools.deleteTree(work);
        }
    }

    @Test
    void comesBackOnADiskOfTheSameSize() throws Exception {
        String log = recoverAndCheck("same", DISK);
        assertThat(log).doesNotContain("change: /dev/vg0/root");
    }

    @Test
    void comesBackOnALargerDiskWithTheRootVolumeGrown() throws Exception {
        String log = recoverAndCheck("larger", 5L << 30);
        assertThat(log).containsPattern("change: /dev/vg0/root: 2.0 GiB -> 3\\.\\d GiB");
    }

    @Test
    void comesBackOnASmallerDiskWithTheRootVolumeShrunk() throws Exception {
        String log = recoverAndCheck("smaller", 3L << 30);
        assertThat(log).containsPattern("change: /dev/vg0/root: 2.0 GiB -> 1\\.\\d GiB");
    }

    /** Recovers the set onto a blank disk of SIZE, boots it and checks it from inside; returns the recovery's console. */
    private String recoverAndCheck(String name, long size) throws Exception {
        Path disk = GuestMachines.blank(work, name + ".raw", size);
        String recovery = GuestMachines.recoverFromSet(work, "recover-" + name, volumes, List.of(), disk);
        assertThat(recovery).contains("layout: the archive's own");
        try (Qemu vm = Qemu.start(work, "recovered-" + name, Firmware.BIOS, Qemu.disk(disk))) {
            String out = GuestMachines.loginAndRun(vm, hostname,
                    "lsblk -n -l -o NAME,FSTYPE,UUID,LABEL,MOUNTPOINT; cat /etc/ssh/ssh_host_ed25519_key.pub;"
                            + " lvm lvs --noheadings -o lv_name,lv_uuid,vg_uuid vg0");
            Map<String, String> rows = GuestMachines.lsblk(out, VDA_OR_VG0);
            assertThat(rows.get("vda1")).isEqualTo("ext4 0a0a0a0a-1111-4222-8333-444444444444 boot /boot");
            assertThat(rows.get("vda2")).startsWith("LVM2_member");
            assertThat(rows.get("vg0-root")).isEqualTo("ext4 0b0b0b0b-1111-4222-8333-444444444444 root /");
            assertThat(rows.get("vg0-var")).isEqualTo("ext4 0c0c0c0c-1111-4222-8333-444444444444 var /var");
            assertThat(rows.get("vg0-swap")).isEqualTo("swap 0d0d0d0d-1111-4222-8333-444444444444 swap [SWAP]");
            assertThat(out.lines().map(String::strip)).contains(hostKey);
            GuestMachines.lvmAsRecorded(out, recorded);
        }
        return recovery;
    }
}
