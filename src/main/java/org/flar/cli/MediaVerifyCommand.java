package org.flar.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.flar.media.Catalog;
import org.flar.media.SetRestore;
import org.flar.media.VolumeSource;
import org.flar.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Check a volume set completely without writing anything: every volume present and of the same set, "
                    + "every piece against its SHA-256, the whole archive's size and SHA-256, and the archive "
                    + "itself as flar verify checks it (every section and every file's checksum)."},
        footer = {"", "Examples:", "  flar media verify /srv/media/web01-*.iso && echo good",
            "  flar media verify --drive /dev/sr0", ExitCode.HELP})
final class MediaVerifyCommand implements Callable<Integer> {
    @Option(names = "--catalog-only", description = "Check only the catalogs (every volume present, of one set) and "
            + "show the archive's identification; read no piece. Quick: what the rescue system shows before it asks.")
    boolean catalogOnly;

    @Mixin
    MediaVolumes volumes;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        TerminalProgress progress = common.progress();
        Verifier.VerifyResult r;
        Catalog set;
        try (VolumeSource source = volumes.open(common.err())) {
            SetRestore restore = new SetRestore(source, progress);
            set = restore.set();
            if (catalogOnly) {
                showCatalog(set);
                return ExitCode.OK;
            }
            r = restore.verify();
        } finally {
            progress.done();
        }
        if (common.json) {
            Json.print(common.out(), r);
        } else {
            common.out().printf("%s: good: %d volumes, %d pieces; archive %d entries, %d files, %s checked%n",
                    MediaVolumes.describe(set), set.volumes(), set.pieces().size(), r.entries(), r.files(),
                    Sizes.human(r.bytes()));
        }
        return ExitCode.OK;
    }

    private void showCatalog(Catalog set) throws java.io.IOException {
        if (common.json) {
            Json.print(common.out(), java.util.Map.of("setId", set.setId(), "setName", set.setName(), "volumes", set.volumes(),
                    "archiveSize", set.archiveSize(), "archiveSha256", set.archiveSha256(),
                    "identification", set.identification()));
            return;
        }
        common.out().println(MediaVolumes.describe(set));
        set.identification().forEach((k, v) -> common.out().println("  " + org.flar.format.Show.text(k + "=" + v)));
    }
}
