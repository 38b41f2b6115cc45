package org.flar.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flar.format.SectionFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "combine", mixinStandardHelpOptions = true,
        description = {
            "Put an archive back together from the files 'flar split' wrote: cookie, identification, the other "
                    + "sections, and archive last. Section contents are taken byte for byte, so an unchanged split "
                    + "combines to the identical archive; an edited section fails its checksum on deploy."},
        footer = {"", "Example:", "  flar combine -d /tmp/parts web01.flar", ExitCode.HELP})
final class CombineCommand implements Callable<Integer> {
    @Option(names = {"-d", "--directory"}, paramLabel = "DIR", description = "Where the section files are (default: the current directory).")
    Path dir = Path.of(".");

    @picocli.CommandLine.Mixin
    LocationOptions locations;

    @Parameters(paramLabel = "ARCHIVE", description = "The archive to write: a file, - for standard output, or s3://BUCKET/KEY.")
    String archive;

    @Override
    public Integer call() throws IOException {
        locations.of(archive, org.flar.progress.Progress.NONE).write((out, file) -> SectionFiles.combine(dir, out), false);
        return ExitCode.OK;
    }
}
