package org.flar.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flar.testing.BootableDebianRoot;
import org.flar.testing.Cli;
import org.flar.testing.Tools;
import org.junit.jupiter.api.Test;

/**
 * The timer, run once by a booted systemd: the .deb installed into a copy of the bootable Debian
 * root with dpkg, a capture configured and its timer enabled as README says, the machine booted
 * (systemd-nspawn: the same systemd as a qemu guest's, in about a tenth of the time under
 * emulation), and the capture lands where the config says, the unit succeeding.
 */
class ScheduledCaptureTimerIT {

    @Test
    void theTimerRunsTheCaptureInABootedSystem() throws Exception {
        String built = System.getProperty("flar.deb");
        if (built == null) {
            if (org.flar.testing.Tools.inCi()) {
                throw new AssertionError("CI must build the package (scripts/test passes -Pdeb): no flar.deb");
            }
            abort("runs after the package is built: ./mvnw -Pdeb verify -Dit.test=ScheduledCaptureTimerIT");
        }
        Tools.requireRoot();
        Tools.requireTool("systemd-nspawn");
        Path deb = Path.of(built);
        Path work = Files.createTempDirectory("flar-timer-");
        try {
            Path root = work.resolve("root");
            Tools.run(List.of("cp", "-a", BootableDebianRoot.cached() + "/.", root + "/"), null);
            Files.copy(deb, root.resolve("tmp/flar.deb"));
            chroot(root, "dpkg", "-i", "/tmp/flar.deb");
            Files.writeString(root.resolve("etc/flar/capture/t.conf"), "directory = /var/backups/flar\nroot = /usr/share/doc\n");
            chroot(root, "systemctl", "enable", "flar-capture@t.timer");
            // The test's harness, not the units under test: fire soon after boot instead of at 02:30,
            // then record how the service ended and power the machine off.
            Path timer = Files.createDirectories(root.resolve("etc/systemd/system/flar-capture@t.timer.d"));
            Files.writeString(timer.resolve("soon.conf"), "[Timer]\nOnCalendar=\nRandomizedDelaySec=0\nOnActiveSec=3s\n");
            Path service = Files.createDirectories(root.resolve("etc/systemd/system/flar-capture@t.service.d"));
            Files.writeString(service.resolve("then-off.conf"), "[Service]\n"
                    + "ExecStopPost=/bin/sh -c 'echo \"$SERVICE_RESULT $EXIT_STATUS\" > /var/tmp/flar-capture-result; systemctl poweroff'\n");

            Tools.Result boot = Tools.exec(List.of("systemd-nspawn", "--register=no", "--keep-unit", "--private-network",
                    "--console=pipe", "-q", "-D", root.toString(), "-b"), null, Map.of(), Duration.ofMinutes(4));
            assertThat(root.resolve("var/tmp/flar-capture-result")).as(boot.stdout()).content().isEqualTo("success 0\n");
            Path archive;
            try (var files = Files.list(root.resolve("var/backups/flar"))) {
                archive = files.filter(p -> p.getFileName().toString().matches("t-\\d{8}-\\d{6}-full\\.flar"))
                        .findFirst().orElseThrow();
            }
            // content_name is the root's directory name: /usr/share/doc has no etc/hostname
            assertThat(Cli.ok("info", archive.toString()).out()).contains("content_name=doc");
            assertThat(Cli.ok("info", "-l", archive.toString()).out()).contains("flar/copyright");
        } finally {
            Tools.run(List.of("rm", "-rf", "--one-file-system", work.toString()), null);
        }
    }

    private static void chroot(Path root, String... cmd) {
        List<String> full = new java.util.ArrayList<>(List.of("unshare", "--pid", "--fork",
                "--mount-proc=" + root.resolve("proc"), "chroot", root.toString()));
        full.addAll(List.of(cmd));
        Tools.exec(full, null, Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"), Duration.ofMinutes(2)).check();
    }
}
