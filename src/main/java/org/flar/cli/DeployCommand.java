package org.flar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flar.deploy.DeployResult;
import org.flar.deploy.Deployer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deploy", sortOptions = false,
        description = {
            "Restore a flash archive into a target root.",
            "",
            "Every entry is checked against the manifest before it is put in place: files are written under a "
                    + "temporary name, verified against their SHA-256 and only then renamed. Owners, modes "
                    + "(setuid/setgid/sticky), nanosecond mtimes, xattrs of every namespace, ACLs, holes, hardlinks, "
                    + "device nodes and fifos are restored; directories get their metadata last. Entries that would "
                    + "land outside the target are refused. Device nodes need root: without it they are skipped with "
                    + "a warning."},
        footer = {"", "Examples:",
            "  flar deploy -R /mnt/target web01.flar",
            "  ssh store 'cat web01.flar' | flar deploy -R /mnt/target -", ExitCode.HELP})
final class DeployCommand implements Callable<Integer> {
    @Option(names = {"-R", "--root"}, paramLabel = "TARGET", required = true, description = "Directory to restore into (created if missing).")
    Path target;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "ARCHIVE", description = "The archive, or - for standard input.")
    String archive;

    @Override
    public Integer call() throws IOException {
        TerminalProgress progress = common.progress();
        DeployResult r;
        try (InputStream in = ArchiveFiles.open(archive)) {
            r = new Deployer(target, progress).deploy(in, ArchiveFiles.displayName(archive));
        } finally {
            progress.done();
        }
        if (common.json) {
            Json.print(r);
        } else if (!common.quiet) {
            System.err.printf("flar: deployed %d entries, %s, into %s%s%n", r.entries(), Sizes.human(r.bytes()), target,
                    r.devicesSkipped() > 0 ? " (" + r.devicesSkipped() + " device nodes skipped: not root)" : "");
        }
        return ExitCode.OK;
    }
}
