package org.flar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flar.location.Location;
import org.flar.signature.ArchiveSigning;
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
    TrustOptions trust;

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
            Verifier verifier = new Verifier(progress);
            if (!archive.equals("-") && !org.flar.location.Locations.isRemote(archive)) {
                Path detached = Path.of(archive + ArchiveSigning.SUFFIX);
                verifier.trusting(trust.load(), Path.of(archive), Files.isRegularFile(detached) ? detached : null);
            } else {
                verifier.trusting(trust.load(), null, null);
            }
            r = verifier.verify(in, location.toString());
        } finally {
            progress.done();
        }
        if (common.json) {
            Json.print(common.out(), Json.with("location", location.toString(), r));
        } else {
            common.out().printf("%s: good: %d entries, %d files, %s checked%s%s%n", location,
                    r.entries(), r.files(), Sizes.human(r.bytes()),
                    r.metadataOnly() > 0 ? ", " + r.metadataOnly() + " metadata-only files" : "",
                    r.signedBy() == null ? ", not signed" : (r.signatureChecked() ? ", signature by trusted key " : ", signed by key ")
                            + r.signedBy() + (r.signatureChecked() ? "" : " (not checked: no --trusted-key)"));
        }
        return ExitCode.OK;
    }
}
