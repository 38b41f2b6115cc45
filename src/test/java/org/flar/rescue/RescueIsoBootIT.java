package org.flar.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.flar.Version;
import org.flar.testing.Qemu;
import org.flar.testing.Qemu.Firmware;
import org.flar.testing.RescueFixture;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The standalone rescue ISO ({@code flar rescue build --iso}) boots in qemu on BIOS and on UEFI,
 * from a CD drive and written to a USB stick, to the rescue shell, with flar running on its own
 * Java runtime. Pure emulation (TCG) is enough:
 * about a minute a boot.
 */
class RescueIsoBootIT {
    private static Path work;
    private static Path iso;

    @BeforeAll
    static void master() throws Exception {
        RescueSystem rescue = RescueFixture.system();
        work = Tools.scratchDir("rescue-iso-");
        iso = work.resolve("rescue.iso");
        new BootableMaster(rescue, List.of()).master(null, "FLAR_RESCUE", iso);
    }

    @AfterAll
    static void clean() {
        Tools.deleteTree(work);
    }

    /** As a CD (El Torito), and as the same image written to a USB stick (isohybrid MBR / GPT). */
    enum Medium { CD, USB }

    @ParameterizedTest
    @CsvSource({"BIOS, CD", "UEFI, CD", "BIOS, USB", "UEFI, USB"})
    void bootsToTheRescueShell(Firmware firmware, Medium medium) {
        Qemu.require(firmware);
        List<String> drive = medium == Medium.CD ? Qemu.bootCdrom(iso) : Qemu.usbStick(iso);
        try (Qemu vm = Qemu.start(work, "rescue-" + firmware + "-" + medium, firmware, drive)) {
            String log = vm.waitFor("RESCUE SHELL READY", "RESTORE FAILED", Duration.ofMinutes(5));
            assertThat(log)
                    .contains("flar-rescue: booted by " + firmware + " firmware")
                    .contains("flar-rescue: volume FLAR_RESCUE on /dev/" + (medium == Medium.CD ? "sr0" : "sda"))
                    .contains("flar is on the PATH: flar " + Version.VERSION + " (commit ").contains("runtime: Java 25");
        }
        assertThat(Files.exists(iso)).isTrue();
    }

    /**
     * With an archive on the disc and no flar.auto, the rescue system shows the archive and the
     * disks and asks its one question; Enter (no disk) gives a shell and touches nothing.
     */
    @org.junit.jupiter.api.Test
    void asksWhichDiskAndAnEmptyAnswerTouchesNothing() throws Exception {
        Qemu.require(Firmware.BIOS);
        Path content = Files.createDirectories(work.resolve("content"));
        Path tree = Files.createDirectories(work.resolve("tree/etc"));
        Files.writeString(tree.resolve("hostname"), "asked\n");
        org.flar.testing.Cli.ok("create", "-q", "-n", "asked", "-R", tree.getParent().toString(),
                content.resolve("asked.flar").toString());
        Path withArchive = work.resolve("asked.iso");
        // the serial console last: the dialog runs there, where the test can answer
        new BootableMaster(RescueFixture.system(), List.of("console=ttyS0,115200")).master(content, "FLAR_ASKED",
                withArchive);
        Path disk = work.resolve("blank.raw");
        try (var f = new java.io.RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(2L << 30);
        }
        List<String> drives = new java.util.ArrayList<>(Qemu.disk(disk));
        drives.addAll(Qemu.bootCdrom(withArchive));
        try (Qemu vm = Qemu.start(work, "asked", Firmware.BIOS, drives)) {
            String log = vm.waitFor("or Enter for a shell:", "RESTORE FAILED", Duration.ofMinutes(5));
            assertThat(log).contains("archive: /media/FLAR_ASKED/asked.flar").contains("content_name=asked")
                    .containsPattern("/dev/vda +2048 MiB");
            vm.type("\n");
            vm.waitFor("RESCUE SHELL READY", "RESTORE", Duration.ofMinutes(2));
        }
        // nothing was written: the disk is still all zeros
        long nonZero = 0;
        try (var in = Files.newInputStream(disk)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int k = 0; k < n; k++) {
                    nonZero += buf[k] != 0 ? 1 : 0;
                }
            }
        }
        assertThat(nonZero).as("bytes written to the disk the operator did not choose").isZero();
    }
}
