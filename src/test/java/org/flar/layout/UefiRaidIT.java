package org.flar.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.flar.format.FlashArchive;
import org.flar.media.SetRestore;
import org.flar.media.Shelf;
import org.flar.progress.Progress;
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
 * Machine (b) of the bare-metal tests, end to end under qemu: UEFI, GPT on two disks, an ESP and
 * an md RAID 1 over both disks holding an XFS root. Built by the rescue system from a layout given
 * by hand, captured by the rescue system from its disks into a media set ({@code flar.capture},
 * {@code flar.media}). Then, each test on its own, the set proven by {@code flar drill} itself: a
 * disk too small is refused with nothing written; drills onto disks of the recorded size, larger
 * ones and smaller ones (the data fits) recover by UEFI and boot to the login prompt; and the
 * drilled disks booted again show the recorded array, file systems, UUIDs and labels, both
 * mirrors, the original's host key, and a machine booted by UEFI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one machine built and captured, four drills of its set
@Execution(ExecutionMode.CONCURRENT) // beside the rest of the suite: see junit-platform.properties
class UefiRaidIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RAID_UUID = LayoutFixtures.B_RAID_UUID;
    private static final String ROOT_UUID = LayoutFixtures.B_ROOT_UUID;
    private static final String ESP_UUID = LayoutFixtures.B_ESP_UUID;
    private static final long DISK = LayoutFixtures.B_DISK;

    private Path work;
    private String hostname;
    private String hostKey;
    private JsonNode recorded;
    private List<String> volumes;

    @BeforeAll
    void buildCaptureIntoASet() throws Exception {
        Tools.requireRoot();
        Qemu.require(Firmware.UEFI);
        work = Tools.scratchDir("uefi-raid-");
        Path root = GuestMachines.layoutRoot();
        hostname = Files.readString(root.resolve("etc/hostname")).strip();
        hostKey = Files.readString(root.resolve("etc/ssh/ssh_host_ed25519_key.pub")).strip();
        RescueSystem rescue = RescueFixture.system();

        // the machine: the root deployed into layout (b) by the rescue system, with its own GRUB for UEFI
        Path content = GuestMachines.buildContent(work, root, "machine-b", LayoutFixtures.HAND_WRITTEN_B);
        Path buildIso = work.resolve("build.iso");
        new BootableMaster(rescue, List.of("console=ttyS0,115200", "flar.auto=/dev/vda,/dev/vdb",
                "flar.layout=/media/FLAR_BUILD/machine-b.layout")).master(content, "FLAR_BUILD", buildIso);
        Path a = GuestMachines.blank(work, "a.raw", DISK);
        Path b = GuestMachines.blank(work, "b.raw", DISK);
        List<String> drives = new ArrayList<>(Qemu.disk(a));
        drives.addAll(Qemu.disk(b));
        drives.addAll(Qemu.bootCdrom(buildIso));
        try (Qemu vm = Qemu.start(work, "build", Firmware.BIOS, drives)) {
            String log = vm.waitFor("RESTORE SUCCEEDED", "RESTORE FAILED", GuestMachines.RESCUE_RUN);
            assertThat(log).contains("create md array /dev/md0").contains("install the machine's GRUB for UEFI in /boot/efi");
            vm.waitForExit(GuestMachines.POWER_OFF);
        }

        // CART's capture: the rescue system assembles the array and writes a media set of the machine, nothing of it running
        Path capture = GuestMachines.captureDisk(work);
        Path captureIso = work.resolve("capture.iso");
        new BootableMaster(rescue, List.of("console=ttyS0,115200", "flar.capture=LABEL=FLARCAP/img", "flar.media=200MiB"))
                .master(Files.createDirectories(work.resolve("empty")), "FLAR_CAPTURE", captureIso);
        drives = new ArrayList<>(Qemu.disk(a));
        drives.addAll(Qemu.disk(b));
        drives.addAll(Qemu.disk(capture));
        drives.addAll(Qemu.bootCdrom(captureIso));
        drives.addAll(List.of("-boot", "d"));
        try (Qemu vm = Qemu.start(work, "capture", Firmware.BIOS, drives)) {
            vm.waitFor("RESTORE SUCCEEDED: captured into a 200MiB media set", "RESTORE FAILED", GuestMachines.RESCUE_RUN);
            vm.waitForExit(GuestMachines.POWER_OFF);
        }
        Path set = Files.createDirectories(work.resolve("set"));
        Tools.run(List.of("debugfs", "-R", "rdump /img " + set, capture.toString()), null);
        List<Path> isos = GuestMachines.volumes(set.resolve("img"));
        assertThat(isos).as("the captured set's volumes").hasSizeGreaterThan(1);
        volumes = isos.stream().map(Path::toString).toList();

        byte[] section;
        try (Shelf shelf = new Shelf(isos)) {
            section = new SetRestore(shelf, Progress.NONE).section(FlashArchive.LAYOUT);
        }
        recorded = JSON.readTree(section);
        assertThat(recorded.path("firmware").asText()).isEqualTo("uefi");
        assertThat(recorded.at("/boot_loader/targets")).extracting(JsonNode::asText).containsExactly("x86_64-efi");
        assertThat(recorded.at("/boot_loader/efi_directory").asText()).isEqualTo("/boot/efi");
        assertThat(recorded.path("disks")).extracting(d -> d.at("/table/label").asText()).containsExactly("gpt", "gpt");
        assertThat(recorded.path("disks")).extracting(d -> d.path("size").asLong()).containsExactly(DISK, DISK);
        assertThat(recorded.at("/raids/0/level").asText()).isEqualTo("raid1");
        assertThat(recorded.at("/raids/0/uuid").asText().replaceAll("[^0-9a-f]", ""))
                .isEqualTo(RAID_UUID.replace("-", ""));
        assertThat(recorded.at("/raids/0/members")).extracting(JsonNode::asText).containsExactly("/dev/vda2", "/dev/vdb2");
        assertThat(recorded.path("file_systems")).extracting(f -> f.path("mountpoint").asText() + " " + f.path("type").asText()
                + " " + f.path("uuid").asText()).containsExactlyInAnyOrder("/ xfs " + ROOT_UUID, "/boot/efi vfat " + ESP_UUID);
    }

    @AfterAll
    void tearDown() {
        if (work != null && System.getenv("FLAR_TEST_KEEP") == null) {
            Tools.deleteTree(work);
        }
    }

    @Test
    void aDiskTooSmallForTheRootIsRefusedWithNothingWritten() throws Exception {
        Path refused = work.resolve("drill-small");
        Cli small = drill(refused, "--firmware", "bios", "--disk-size", "512MiB", "--timeout", "30");
        assertThat(small.code()).as(small.describe()).isEqualTo(1);
        assertThat(small.out()).contains("FAILED");
        assertThat(Files.readString(refused.resolve("recover.serial"), StandardCharsets.ISO_8859_1))
                .containsPattern("/dev/vda2 would be .* but needs .* for what it holds; nothing was written");
        assertThat(zeros(refused.resolve("disk0.raw"))).as("the refused disk was not written").isTrue();
        assertThat(zeros(refused.resolve("disk1.raw"))).as("the refused disk was not written").isTrue();
    }

    @Test
    void aDrillOnDisksOfTheRecordedSize() throws Exception {
        drillBootAndCheck("same");
    }

    @Test
    void aDrillOnLargerDisks() throws Exception {
        drillBootAndCheck("larger", "--disk-size", "4GiB");
    }

    @Test
    void aDrillOnSmallerDisksTheDataFits() throws Exception {
        drillBootAndCheck("smaller", "--disk-size", "2GiB");
    }

    private Cli drill(Path dir, String... options) {
        List<String> args = new ArrayList<>(List.of("drill", "--work", dir.toString()));
        args.addAll(List.of(options));
        args.addAll(volumes);
        return Cli.run(args.toArray(String[]::new));
    }

    /** A drill (UEFI, as recorded), then its disks booted again and the machine checked from inside. */
    private void drillBootAndCheck(String name, String... options) throws Exception {
        Path drilled = work.resolve("drill-" + name);
        List<String> args = new ArrayList<>(List.of("--timeout", "50", "--boot-timeout", "20"));
        args.addAll(List.of(options));
        Cli passed = drill(drilled, args.toArray(String[]::new));
        assertThat(passed.code()).as(passed.describe()).isEqualTo(0);
        assertThat(passed.out()).containsPattern("PASSED: recovered in \\d+ s \\(RTO\\), booted to its login prompt in \\d+ s");
        System.out.println("machine (b) drill, " + name + ": " + passed.out().lines().findFirst().orElse(""));
        String recovery = Files.readString(drilled.resolve("recover.serial"), StandardCharsets.ISO_8859_1);
        assertThat(recovery).contains("layout: the archive's own").contains("with a boot entry");
        // the machine's own grub-install made its NVRAM entry, named as its ID, in the drill machine's variable store
        assertThat(Files.readString(drilled.resolve("nvram.fd"), StandardCharsets.ISO_8859_1))
                .contains("d\0e\0b\0i\0a\0n\0"); // UCS-2, as UEFI writes names

        List<String> drives = new ArrayList<>(Qemu.disk(drilled.resolve("disk0.raw")));
        drives.addAll(Qemu.disk(drilled.resolve("disk1.raw")));
        try (Qemu vm = Qemu.start(work, "recovered-" + name, Firmware.UEFI, drives)) {
            String out = GuestMachines.loginAndRun(vm, hostname, "lsblk -n -l -o NAME,FSTYPE,UUID,LABEL,MOUNTPOINT;"
                    + " cat /etc/ssh/ssh_host_ed25519_key.pub; ls -d /sys/firmware/efi; cat /proc/mdstat");
            // lsblk's rows only: /proc/mdstat's "md127 : active ..." comes after the host key
            Map<String, String> rows = GuestMachines.lsblk(out.substring(0, out.indexOf("ssh-ed25519")),
                    Pattern.compile("vd[ab]\\d*|md\\d+"));
            assertThat(rows.get("vda1")).isEqualTo("vfat " + ESP_UUID + " ESP /boot/efi");
            // lsblk cuts the type to its column on a serial console: linux_raid_mem
            assertThat(rows.get("vda2")).matches("linux_raid_mem(ber)? " + RAID_UUID + " .*root");
            assertThat(rows.get("vdb2")).matches("linux_raid_mem(ber)? " + RAID_UUID + " .*root");
            // the array's number is the one the recorded layout names: what the rescue system assembled it as
            assertThat(rows.get(recorded.at("/raids/0/device").asText().substring("/dev/".length())))
                    .isEqualTo("xfs " + ROOT_UUID + " root /");
            assertThat(out).contains(hostKey).contains("/sys/firmware/efi").contains("[UU]"); // both mirrors in the array
        }
    }

    private static boolean zeros(Path disk) throws Exception {
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(disk)) {
            for (int n; (n = in.read(buf)) > 0;) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] != 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
