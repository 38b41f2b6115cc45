package org.flar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flar.format.SectionFiles;
import org.flar.location.Location;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "split", mixinStandardHelpOptions = true,
        description = {
            "Write each section of an archive to a file named after it, as Solaris' flar split did: "
                    + "'cookie', 'identification', 'manifest', user sections by their names, and the payload as "
                    + "'archive' (compressed as stored: `zstd -dc archive | tar -x` reads it)."},
        footer = {"", "Example:", "  flar split -d /tmp/parts web01.flar && zstd -dc /tmp/parts/archive | tar -tv", ExitCode.HELP})
final class SplitCommand implements Callable<Integer> {
    @Option(names = {"-d", "--directory"}, paramLabel = "DIR", description = "Where to write the files (default: the current directory).")
    Path dir = Path.of(".");

    @Option(names = {"-f", "--force"}, description = "Overwrite files that exist.")
    boolean force;

    @picocli.CommandLine.Mixin
    LocationOptions locations;

    @Parameters(paramLabel = "ARCHIVE", description = "The archive: a file, - for standard input, an http(s):// URL or s3://BUCKET/KEY.")
    String archive;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(dir);
        Location location = locations.of(archive, org.flar.progress.Progress.NONE);
        try (InputStream in = location.read()) {
            SectionFiles.split(in, location.toString(), dir, force);
        }
        return ExitCode.OK;
    }
}
