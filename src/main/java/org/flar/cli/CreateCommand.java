package org.flar.cli;

import org.flar.job.ArchiveFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flar.capture.CaptureOptions;
import org.flar.capture.CaptureResult;
import org.flar.job.Creation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Capture a system root into a flash archive.",
            "",
            "Every file is read once: its content goes into the payload (pax by default) and its SHA-256 and "
                    + "metadata into the manifest. /proc, /sys, /run and /tmp are captured as empty directories, "
                    + "and so is any pseudo or volatile file system (devtmpfs, tmpfs, ...); the archive itself is "
                    + "left out. A file that changes while it is read is reported and counted.",
            "",
            "The root's machine identity (host name, machine-id, ssh host keys, network configuration, ... see "
                    + "'flar unconfig') is captured as it is and also saved in the archive's identity section, so "
                    + "'flar deploy --keep-identity' can bring the same machine back; --scrub-identity leaves it out "
                    + "entirely. A tree that is not an OS root (no os-release) has no identity."},
        footer = {"", "Examples:",
            "  flar create -n web01 /srv/images/web01.flar",
            "  flar create -n golden -R /mnt/snapshot -x /var/cache/apt -c xz golden.flar",
            "  flar create -n web01 - | ssh store 'cat > web01.flar'",
            "  flar create -n golden --scrub-identity --save-identity golden.id golden.flar", ExitCode.HELP})
final class CreateCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "content_name of the archive (default: the root's host name).")
    String name;

    @Option(names = {"-R", "--root"}, paramLabel = "ROOT", description = "Root to capture (default: /).")
    Path root = Path.of("/");

    @Mixin
    CaptureSelection selection;

    @Mixin
    ArchiveMaking making;

    @Option(names = {"-A", "--master"}, paramLabel = "MASTER",
            description = "Make a differential archive against MASTER: a flash archive (only its text sections are read) "
                    + "or an old root directory. Only new and changed entries are stored; deletions are recorded; a file "
                    + "whose metadata alone changed (chmod, chown, xattrs, ACLs, mtime) is stored without its content.")
    Path master;

    @Option(names = "--checksum", description = "With -A: read and hash every file instead of taking equal metadata "
            + "(type, size, mtime, mode, owner, xattrs) as unchanged, or equal size and mtime as unchanged content.")
    boolean checksum;

    @Option(names = "--sync", description = "fsync the archive before it is put in place (durable at once after a power loss; slower).")
    boolean sync;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "ARCHIVE", description = "The archive to write, or - for standard output.")
    String archive;

    @Override
    public Integer call() throws IOException {
        if (common.json && archive.equals("-")) {
            throw new IllegalArgumentException("--json prints on standard output, where the archive goes: "
                    + "name an archive file or leave out --json");
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + ": not a directory (-R needs a root to capture)");
        }
        CaptureOptions options = making.options(root, name != null ? name : Creation.defaultName(root), selection,
                common.quiet ? null : common.err());
        Creation creation = new Creation(options, making.identity(), master, checksum);
        TerminalProgress progress = common.progress();
        CaptureResult[] result = new CaptureResult[1];
        try {
            ArchiveFiles.create(archive, sync, (out, file) -> result[0] = creation.write(out, file,
                    file == null ? null : Path.of(archive), progress));
        } finally {
            progress.done();
        }
        CaptureResult r = result[0];
        if (common.json) {
            Json.print(common.out(), r);
        } else if (!common.quiet) {
            summary(common.err(), ArchiveFiles.displayName(archive), r);
            if (master != null) {
                common.err().printf("flar: differential against %s: %d unchanged (not read), %d metadata-only, %d deleted%n",
                        master, r.unchanged(), r.metadataOnly(), r.deleted());
            }
        }
        return ExitCode.OK;
    }

    /** The line a finished capture ends with (also a scheduled one's). */
    static void summary(java.io.PrintWriter err, String archive, CaptureResult r) {
        err.printf("flar: %s: %d entries, %s of files read (%d files), %s stored%s%n", archive, r.entries(),
                Sizes.human(r.bytes()), r.filesRead(), Sizes.human(r.storedSize()),
                r.changed() > 0 ? ", " + r.changed() + " changed while read" : "");
    }
}
