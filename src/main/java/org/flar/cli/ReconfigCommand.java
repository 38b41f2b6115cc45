package org.flar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flar.deploy.chain.StateFile;
import org.flar.format.Identification;
import org.flar.identity.bundle.IdentityBundle;
import org.flar.identity.bundle.Reconfigurer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reconfig", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Put a saved identity back into a root: the recovery trick of the Solaris flash seed.",
            "",
            "The bundle (from 'flar unconfig --save' or 'flar create --save-identity') is checked whole first: its "
                    + "checksum, every file's SHA-256 and metadata. Then that it belongs to this root: a bundle saved "
                    + "by unconfig only goes back onto the root in the state unconfig left; one saved at capture only "
                    + "onto a root deployed from that archive (var/lib/flar/state). Only then is anything written: "
                    + "every file, link and directory comes back exactly, with owner, mode, xattrs and times, and what "
                    + "unconfig created (new ssh host keys) is removed."},
        footer = {"", "Examples:",
            "  flar unconfig -R /mnt/m --save m.identity",
            "  flar reconfig -R /mnt/m m.identity",
            ExitCode.HELP})
final class ReconfigCommand implements Callable<Integer> {
    @Option(names = {"-R", "--root"}, paramLabel = "ROOT", description = "Root to put the identity into (default: /).")
    Path root = Path.of("/");

    @Option(names = "--force", description = "Put it back even if the root does not look like the one it was saved from.")
    boolean force;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "BUNDLE", description = "The identity bundle.")
    Path bundle;

    record Report(String root, String bundle, String bundleId, String archiveId, int entries) {
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + ": not a directory (-R needs a root)");
        }
        IdentityBundle b = IdentityBundle.open(bundle);
        TerminalProgress progress = common.progress();
        int n;
        try {
            n = new Reconfigurer(progress).restore(root, b, StateFile.read(root).get(Identification.ARCHIVE_ID), force);
        } finally {
            progress.done();
        }
        if (common.json) {
            Json.print(common.out(), new Report(root.toString(), bundle.toString(), b.bundleId(), b.archiveId(), n));
        } else if (!common.quiet) {
            common.err().printf("flar: identity %s put back into %s: %d entries%n", bundle, root, n);
        }
        return ExitCode.OK;
    }
}
