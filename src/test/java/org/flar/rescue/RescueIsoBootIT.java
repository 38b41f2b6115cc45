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
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The standalone rescue ISO ({@code flar rescue build --iso}) boots in qemu on BIOS and on UEFI
 * to the rescue shell, with flar running on its own Java runtime. Pure emulation (TCG) is enough:
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

    @ParameterizedTest
    @EnumSource(Firmware.class)
    void bootsToTheRescueShell(Firmware firmware) {
        Qemu.require(firmware);
        try (Qemu vm = Qemu.start(work, "rescue-" + firmware, firmware, Qemu.bootCdrom(iso))) {
            String log = vm.waitFor("RESCUE SHELL READY", "RESTORE FAILED", Duration.ofMinutes(5));
            assertThat(log)
                    .contains("flar-rescue: booted by " + firmware + " firmware")
                    .contains("flar-rescue: volume FLAR_RESCUE on /dev/sr0")
                    .contains("flar is on the PATH: flar " + Version.VERSION + " (Java 25");
        }
        assertThat(Files.exists(iso)).isTrue();
    }
}
