package org.flar.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flar.deploy.DeployResult;
import org.flar.media.SetRestore;
import org.flar.media.VolumeSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Restore the archive of a volume set into a target root, as flar deploy does (the saved identity kept).",
            "",
            "The archive is reassembled piece by piece in the order of volume 1's table; every piece's SHA-256 is "
                    + "checked before its bytes are used, and the whole archive's at the end. Volumes given at once "
                    + "are checked complete and undamaged before anything is written, so a bad set leaves the "
                    + "target as it was: a missing volume, one of another set, or a damaged piece is named. With "
                    + "--drive, each volume is asked for in turn; a wrong or damaged one is named and asked for "
                    + "again, and the restore resumes where it stopped."},
        footer = {"", "Examples:",
            "  flar media restore -R /mnt/target /srv/media/web01-*.iso",
            "  flar media restore -R /mnt/target /media/cdrom0 /media/cdrom1",
            "  flar media restore -R /mnt/target --drive /dev/sr0", ExitCode.HELP})
final class MediaRestoreCommand implements Callable<Integer> {
    @Option(names = {"-R", "--root"}, paramLabel = "TARGET", required = true, description = "Directory to restore into (created if missing).")
    Path target;

    @Option(names = "--no-state", description = "Do not record the deployed state in var/lib/flar/state.")
    boolean noState;

    @Option(names = "--single-pass", description = "Do not check the whole set before writing (each piece is still "
            + "checked before use, but a damaged one then stops the restore part way). Saves one read of the set.")
    boolean singlePass;

    @Mixin
    MediaVolumes volumes;

    @Mixin
    TrustOptions trust;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        TerminalProgress progress = common.progress();
        DeployResult r;
        try (VolumeSource source = volumes.open(common.err())) {
            SetRestore restore = new SetRestore(source, progress);
            if (!common.quiet) {
                common.err().println("flar: restoring " + MediaVolumes.describe(restore.set()) + " into " + target);
                if (restore.signerKey() != null) {
                    common.err().println("flar: volume 1 carries the signer's public key (" + org.flar.media.Catalog.SIGNER_KEY
                            + "); --trusted-key makes the signature required");
                }
            }
            r = restore.restore(target, !noState, singlePass, trust.load());
        } finally {
            progress.done();
        }
        if (common.json) {
            Json.print(common.out(), r);
        } else if (!common.quiet) {
            common.err().printf("flar: restored %d entries, %s, into %s%s%n", r.entries(), Sizes.human(r.bytes()), target,
                    r.devicesSkipped() > 0 ? " (" + r.devicesSkipped() + " device nodes skipped: not root)" : "");
        }
        return ExitCode.OK;
    }
}
