package org.flar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import org.flar.location.Location;
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

    @Mixin
    LocationOptions locations;

    @Parameters(paramLabel = "ARCHIVE", description = "The archive: a file, - for standard input, an http(s):// URL or s3://BUCKET/KEY.")
    String archive;

    @Override
    public Integer call() throws IOException {
        TerminalProgress progress = common.progress();
        Verifier.VerifyResult r;
        Location location = locations.of(archive, progress);
        try (InputStream in = location.read()) {
            r = new Verifier(progress).verify(in, location.toString());
        } finally {
            progress.done();
        }
        if (common.json) {
            Json.print(common.out(), Json.with("location", location.toString(), r));
        } else {
            common.out().printf("%s: good: %d entries, %d files, %s checked%s%n", location,
                    r.entries(), r.files(), Sizes.human(r.bytes()),
                    r.metadataOnly() > 0 ? ", " + r.metadataOnly() + " metadata-only files" : "");
        }
        return ExitCode.OK;
    }
}
