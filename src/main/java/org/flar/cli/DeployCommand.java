package org.flar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flar.deploy.DeployResult;
import java.util.List;
import org.flar.diff.ChainDeploy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deploy", mixinStandardHelpOptions = true, sortOptions = false,
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

    @Option(names = "--no-master-check", description = "Apply differentials without checking that the target is in "
            + "their base state (recorded state, and every file they replace or delete); Solaris' no_master_check. "
            + "Files whose metadata alone changed must still hold the base's content: they are checked anyway.")
    boolean noMasterCheck;

    @Option(names = "--no-state", description = "Do not record the deployed state in var/lib/flar/state (the target "
            + "is then exactly the archive's content; differentials onto it need --no-master-check).")
    boolean noState;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "ARCHIVE", arity = "1..*", description = "The archives in order: a full archive and/or "
            + "differentials, or - for standard input (alone).")
    List<String> archives;

    @Override
    public Integer call() throws IOException {
        TerminalProgress progress = common.progress();
        DeployResult r;
        try {
            ChainDeploy chain = new ChainDeploy(target, !noMasterCheck, progress).recordState(!noState);
            if (archives.size() == 1) {
                try (InputStream in = ArchiveFiles.open(archives.getFirst())) {
                    r = chain.deploy(in, ArchiveFiles.displayName(archives.getFirst()));
                }
            } else {
                if (archives.contains("-")) {
                    throw new IllegalArgumentException("standard input (-) can only be the one archive");
                }
                List<DeployResult> all = chain.deploy(archives.stream().map(Path::of).toList());
                r = new DeployResult(all.stream().mapToLong(DeployResult::entries).sum(),
                        all.stream().mapToLong(DeployResult::bytes).sum(),
                        all.stream().mapToLong(DeployResult::devicesSkipped).sum());
            }
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
