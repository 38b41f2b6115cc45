package org.flar.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
 * A machine as it was, end to end under qemu: built from a Debian root with its own GRUB into a
 * BIOS + MBR layout given by hand ({@code /boot} ext4 on its own partition, LVM with {@code /},
 * {@code /var} and swap) by the rescue system's {@code flar recover --layout}; captured by the
 * rescue system from its disks with nothing of it running ({@code flar.capture}); the archive's
 * recorded layout checked; written as a media set; recovered unattended from the set onto a
 * blank, larger disk ({@code flar.grow-lv} takes the space); and the recovered disk booted to its
 * login prompt, where {@code lsblk} shows the recorded devices, file systems, UUIDs and labels.
 */
@Execution(ExecutionMode.CONCURRENT) // beside the rest of the suite: see junit-platform.properties
class BareMetalIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VDA_OR_VG0 = Pattern.compile("vda\\d*|vg0-\\w+");

    private Path work;

    @BeforeEach
    void setUp() {
        Tools.requireRoot();
        Qemu.require(Firmware.BIOS);
        work = Tools.scratchDir("bare-metal-");
    }

    @AfterEach
    void tearDown() {
        if (System.getenv("FLAR_TEST_KEEP") == null) {
            Tools.deleteTree(work);
        }
    }

    @Test
    void biosMbrWithBootAndLvmComesBackOnALargerDisk() throws Exception {
        Path root = GuestMachines.layoutRoot();
        String hostname = Files.readString(root.resolve("etc/hostname")).strip();
        RescueSystem rescue = RescueFixture.system();

        // the machine: the root deployed into layout (a) by the rescue system, with its own GRUB
        Path content = GuestMachines.buildContent(work, root, "machine-a", LayoutFixtures.HAND_WRITTEN_A);
        Path buildIso = work.resolve("build.iso");
        new BootableMaster(rescue, List.of("console=ttyS0,115200", "flar.auto=/dev/vda",
                "flar.layout=/media/FLAR_BUILD/machine-a.layout")).master(content, "FLAR_BUILD", buildIso);
        Path original = GuestMachines.blank(work, "original.raw", 4L << 30);
        List<String> drives = new ArrayList<>(Qemu.disk(original));
        drives.addAll(Qemu.bootCdrom(buildIso));
        try (Qemu vm = Qemu.start(work, "build", Firmware.BIOS, drives)) {
            String log = vm.waitFor("RESTORE SUCCEEDED", "RESTORE FAILED", Duration.ofMinutes(20));
            assertThat(log).contains("layout: given in a file").contains("install the machine's GRUB for BIOS on /dev/vda");
            vm.waitForExit(Duration.ofMinutes(2));
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
            vm.waitFor("RESTORE SUCCEEDED: captured", "RESTORE FAILED", Duration.ofMinutes(20));
            vm.waitForExit(Duration.ofMinutes(2));
        }
        Path archive = work.resolve("captured.flar");
        Tools.run(List.of("debugfs", "-R", "dump /img/capture.flar " + archive, capture.toString()), null);

        JsonNode recorded = JSON.readTree(Cli.ok("info", "--layout", "--json", archive.toString()).out());
        assertThat(recorded.path("firmware").asText()).isEqualTo("bios");
        assertThat(recorded.at("/boot_loader/kind").asText()).isEqualTo("grub");
        assertThat(recorded.at("/boot_loader/disks/0").asText()).isEqualTo("/dev/vda");
        assertThat(recorded.at("/disks/0/table/label").asText()).isEqualTo("dos");
        assertThat(recorded.at("/disks/0/table/id").asText()).isEqualTo("0x5eed0a11");
        assertThat(recorded.at("/volume_groups/0/lvs")).extracting(lv -> lv.path("name").asText())
                .containsExactlyInAnyOrder("root", "var", "swap");
        assertThat(recorded.path("file_systems")).extracting(f -> f.path("mountpoint").asText() + " " + f.path("uuid").asText())
                .containsExactlyInAnyOrder("/ 0b0b0b0b-1111-4222-8333-444444444444",
                        "/boot 0a0a0a0a-1111-4222-8333-444444444444", "/var 0c0c0c0c-1111-4222-8333-444444444444");
        assertThat(recorded.at("/swaps/0/uuid").asText()).isEqualTo("0d0d0d0d-1111-4222-8333-444444444444");

        // recovery from a media set onto a blank, larger disk
        Path set = Files.createDirectories(work.resolve("set"));
        Cli.ok("media", "create", "-q", "--media", "200MiB", "--rescue", rescue.dir().toString(), "--append",
                "flar.auto=/dev/vda flar.grow-lv=vg0/root", "--name", "machinea", archive.toString(), set.toString());
        List<Path> volumes;
        try (Stream<Path> isos = Files.list(set)) {
            volumes = isos.sorted().toList();
        }
        Path larger = GuestMachines.blank(work, "larger.raw", 5L << 30);
        drives = new ArrayList<>(Qemu.disk(larger));
        drives.addAll(Qemu.bootCdrom(volumes.getFirst()));
        for (int i = 1; i < volumes.size(); i++) {
            drives.addAll(Qemu.cdrom(volumes.get(i), i + 1));
        }
        try (Qemu vm = Qemu.start(work, "recover", Firmware.BIOS, drives)) {
            String log = vm.waitFor("RESTORE SUCCEEDED", "RESTORE FAILED", Duration.ofMinutes(20));
            assertThat(log).contains("layout: the archive's own").contains("change: /dev/vg0/root: 2.0 GiB -> ");
            vm.waitForExit(Duration.ofMinutes(2));
        }

        try (Qemu vm = Qemu.start(work, "recovered", Firmware.BIOS, Qemu.disk(larger))) {
            vm.waitFor(hostname + " login:", null, Duration.ofMinutes(8));
            vm.type("root\n");
            vm.waitFor("Password:", null, Duration.ofMinutes(1));
            vm.type("flar\n");
            vm.waitFor("root@" + hostname + ":~#", null, Duration.ofMinutes(2));
            vm.type("echo LSBLK-$((0+1)); lsblk -n -l -o NAME,FSTYPE,UUID,LABEL,MOUNTPOINT; echo LSBLK-$((1+1))\n");
            String log = vm.waitFor("LSBLK-2", null, Duration.ofMinutes(1));
            Map<String, String> rows = GuestMachines.lsblk(log.substring(log.lastIndexOf("LSBLK-1")), VDA_OR_VG0);
            assertThat(rows.get("vda1")).isEqualTo("ext4 0a0a0a0a-1111-4222-8333-444444444444 boot /boot");
            assertThat(rows.get("vda2")).startsWith("LVM2_member");
            assertThat(rows.get("vg0-root")).isEqualTo("ext4 0b0b0b0b-1111-4222-8333-444444444444 root /");
            assertThat(rows.get("vg0-var")).isEqualTo("ext4 0c0c0c0c-1111-4222-8333-444444444444 var /var");
            assertThat(rows.get("vg0-swap")).isEqualTo("swap 0d0d0d0d-1111-4222-8333-444444444444 swap [SWAP]");
        }
    }
}
