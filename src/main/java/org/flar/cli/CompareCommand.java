package org.flar.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flar.capture.CaptureOptions;
import org.flar.baseline.Comparison;
import org.flar.baseline.Master;
import org.flar.format.Show;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Show what changed in a root since a flash archive (or an old root directory) was made:",
            "what a differential against it would contain, without writing one.",
            "",
            "Lines start with + (added), ~ (changed, with the fields that differ, master's value first) or - (deleted)."},
        footer = {"", "Examples:",
            "  flar compare web01.flar /",
            "  flar compare --json golden.flar /mnt/snapshot", ExitCode.HELP})
final class CompareCommand implements Callable<Integer> {
    @Mixin
    CaptureSelection selection;

    @Option(names = "--checksum", description = "Hash every file instead of trusting equal metadata.")
    boolean checksum;

    @Mixin
    CommonOptions common;

    @Mixin
    LocationOptions locations;

    @Parameters(index = "0", paramLabel = "MASTER", description = "A flash archive (a file, http(s):// or s3://; only its "
            + "text sections are read) or an old root directory.")
    String master;

    @Parameters(index = "1", paramLabel = "ROOT", description = "The root to compare with it.")
    Path root;

    @Override
    public Integer call() throws IOException {
        TerminalProgress progress = common.progress();
        Comparison.Result r;
        try {
            r = Comparison.run(Master.of(master, locations.settings(), progress),
                    CaptureOptions.builder(root, "compare").rules(selection.rules())
                    .oneFileSystem(selection.oneFileSystem).build(), checksum, progress);
        } finally {
            progress.done();
        }
        if (common.json) {
            Json.print(common.out(), r);
            return ExitCode.OK;
        }
        r.added().forEach(p -> common.out().println("+ " + Show.text(p)));
        r.changed().forEach(c -> common.out().println("~ " + Show.text(c.path()) + " (" + c.what() + ")"));
        r.deleted().forEach(p -> common.out().println("- " + Show.text(p)));
        if (!common.quiet) {
            common.err().printf("flar: %d added, %d changed, %d deleted, %d unchanged%n", r.added().size(),
                    r.changed().size(), r.deleted().size(), r.unchanged());
        }
        return ExitCode.OK;
    }
}
