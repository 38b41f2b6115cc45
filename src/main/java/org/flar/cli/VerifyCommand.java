package org.flar.cli;

import org.flar.job.ArchiveFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import org.flar.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Check every checksum of an archive without writing anything: the identification and other text "
                    + "sections, every file's SHA-256 against the manifest, every entry's metadata against its "
                    + "manifest line, and the whole payload against archive_id and files_archived_size."},
        footer = {"", "Example:", "  flar verify web01.flar && echo good", ExitCode.HELP})
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "ARCHIVE", description = "The archive, or - for standard input.")
    String archive;

    @Override
    public Integer call() throws IOException {
        TerminalProgress progress = common.progress();
        Verifier.VerifyResult r;
        try (InputStream in = ArchiveFiles.open(archive)) {
            r = new Verifier(progress).verify(in, ArchiveFiles.displayName(archive));
        } finally {
            progress.done();
        }
        if (common.json) {
            Json.print(common.out(), r);
        } else {
            common.out().printf("%s: good: %d entries, %d files, %s checked%s%n", ArchiveFiles.displayName(archive),
                    r.entries(), r.files(), Sizes.human(r.bytes()),
                    r.metadataOnly() > 0 ? ", " + r.metadataOnly() + " metadata-only files" : "");
        }
        return ExitCode.OK;
    }
}
