package org.flar.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flar.job.ScheduledCapture;
import org.flar.schedule.ScheduleConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run the scheduled capture NAME once, as its timer does: read /etc/flar/capture/NAME.conf, write "
                    + "DIRECTORY/NAME-YYYYMMDD-HHMMSS-full.flar, or a -diff.flar against the last full archive while "
                    + "fewer than 'differentials' were made since it, then remove the archives beyond the 'keep' "
                    + "newest full ones (each with its differentials). The archive is written under a temporary "
                    + "name: a failed run leaves the directory as it was, and exits non-zero.",
            "",
            "A restore needs the last full archive and the last differential: flar deploy -R /mnt/new FULL DIFF."},
        footer = {"", "Examples:",
            "  flar schedule run nightly",
            "  flar schedule run --dry-run nightly",
            "  systemctl start flar-capture@nightly.service; journalctl -u flar-capture@nightly.service", ExitCode.HELP})
final class ScheduleRunCommand implements Callable<Integer> {
    @Option(names = "--config-dir", paramLabel = "DIR", description = "Where NAME.conf is (default: /etc/flar/capture).")
    Path configDir = Path.of("/etc/flar/capture");

    @Option(names = "--dry-run", description = "Only say which archive would be written, and against which master.")
    boolean dryRun;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "NAME", description = "The capture: its configuration is DIR/NAME.conf.")
    String name;

    @Override
    public Integer call() throws IOException {
        ScheduleConfig config = ScheduleConfig.read(configDir, name);
        TerminalProgress progress = common.progress();
        ScheduledCapture.Result r;
        try {
            r = new ScheduledCapture(config).run(Instant.now(), dryRun, progress);
        } finally {
            progress.done();
        }
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("archive", r.archive().toString());
            json.put("type", r.master() == null ? "full" : "differential");
            json.put("master", r.master() == null ? null : r.master().toString());
            json.put("removed", r.removed().stream().map(Path::toString).toList());
            json.put("capture", r.capture());
            Json.print(common.out(), json);
        } else if (dryRun) {
            common.out().println(r.archive() + (r.master() == null ? " (full)" : " (differential against " + r.master() + ")"));
        } else if (!common.quiet) {
            CreateCommand.summary(common.err(), r.archive().toString(), r.capture());
            if (r.master() != null) {
                common.err().printf("flar: differential against %s%n", r.master());
            }
            for (Path p : r.removed()) {
                common.err().printf("flar: removed %s (beyond the %d full archives kept)%n", p, config.keep());
            }
        }
        return ExitCode.OK;
    }
}
