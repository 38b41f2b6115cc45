package org.flar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flar.drill.Drill;
import org.flar.drill.DrillSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "drill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Prove that a media set (or an archive) brings the machine back, before the day it must: the rescue "
                    + "system boots in qemu against blank scratch disks (one per recorded disk, of its size), "
                    + "recovers automatically, and then the recovered disks alone must boot to a login prompt on "
                    + "the serial console. Reports pass or fail and the time to recover (RTO); the consoles are kept.",
            "",
            "Needs qemu-system-x86_64 (and ovmf for --firmware uefi). The recovered system's kernel must write to "
                    + "the serial console (console=ttyS0) for its login prompt to be seen. Pure emulation (tcg) is "
                    + "slow: a few minutes per hundred MiB restored; --accel kvm where the host has it."},
        footer = {"", "Examples:",
            "  flar drill /srv/media/web07-*.iso",
            "  flar drill --firmware uefi --disk-size 64GiB --work /var/tmp/drill web07-1.iso web07-2.iso",
            "  flar drill --append flar.grow-lv=vg0/root --disk-size 20GiB web07.flar", ExitCode.HELP})
final class DrillCommand implements Callable<Integer> {
    @Option(names = "--firmware", paramLabel = "bios|uefi", description = "The firmware of the drill machine (default: "
            + "the recorded one, else bios).")
    String firmware;

    @Option(names = "--disk-size", paramLabel = "SIZE", description = "Every scratch disk this size (e.g. 20GiB) "
            + "instead of the recorded disks' sizes: a drill of a recovery onto other disks.")
    String diskSize;

    @Option(names = "--append", paramLabel = "PARAMS", description = "More kernel parameters for the rescue system "
            + "(flar.grow-lv=VG/LV, ...).")
    String append;

    @Option(names = "--accel", paramLabel = "ACCEL", description = "qemu's accelerator: tcg (default, works everywhere) or kvm.")
    String accel = "tcg";

    @Option(names = "--rescue", paramLabel = "ISO|DIR", description = "For an ARCHIVE: the rescue system to boot "
            + "(default: flar rescue build's). A media set brings its own on volume 1.")
    Path rescue;

    @Option(names = "--work", paramLabel = "DIR", description = "Where the scratch disks and consoles go (default: a "
            + "new directory under /var/tmp, kept).")
    Path work;

    @Option(names = "--timeout", paramLabel = "MINUTES", description = "Give up on the recovery after this long (default: 60).")
    int timeout = 60;

    @Option(names = "--boot-timeout", paramLabel = "MINUTES", description = "Give up on the recovered machine's login prompt "
            + "after this long (default: 10; emulation on a busy host boots slowly).")
    int bootTimeout = 10;

    @Parameters(paramLabel = "SOURCE", arity = "1..*", description = "The media set's volumes (ISO images), or one archive.")
    List<Path> sources;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        Path dir = work != null ? work : Files.createTempDirectory(Path.of("/var/tmp"), "flar-drill-");
        DrillSource source = sources.size() == 1 && isArchive(sources.getFirst())
                ? DrillSource.archive(sources.getFirst(), rescue, dir, line -> note(line))
                : DrillSource.media(sources, dir);
        Drill drill = new Drill(source.rescue(), source.cdroms(), source.layoutSection())
                .firmware(firmware != null ? firmware : source.firmware()).accel(accel).append(append)
                .timeouts(Duration.ofMinutes(timeout), Duration.ofMinutes(bootTimeout));
        if (diskSize != null) {
            drill.diskSize((long) org.flar.media.MediaSize.bytesOf(diskSize) / 512 * 512);
        }
        Drill.Result r = drill.run(dir, this::note);
        if (common.json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("passed", r.passed());
            out.put("recovery_seconds", r.recoverySeconds());
            out.put("boot_seconds", r.bootSeconds());
            out.put("message", r.message());
            out.put("recovery_console", String.valueOf(r.recoveryLog()));
            out.put("boot_console", String.valueOf(r.bootLog()));
            Json.print(common.out(), out);
        } else {
            common.out().println(r.passed()
                    ? "PASSED: recovered in " + r.recoverySeconds() + " s (RTO), booted to its login prompt in " + r.bootSeconds() + " s"
                    : "FAILED: " + r.message());
            common.out().println("consoles: " + r.recoveryLog() + (r.bootLog() == null ? "" : ", " + r.bootLog()));
        }
        return r.passed() ? ExitCode.OK : ExitCode.FAILED;
    }

    private void note(String line) {
        if (!common.quiet) {
            common.err().println("flar: drill: " + line);
            common.err().flush();
        }
    }

    private static boolean isArchive(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readNBytes(14), StandardCharsets.US_ASCII).equals("FlAsH-aRcHiVe-");
        }
    }
}
