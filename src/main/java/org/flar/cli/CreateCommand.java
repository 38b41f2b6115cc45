package org.flar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.concurrent.Callable;
import org.flar.baseline.Master;
import org.flar.capture.CaptureOptions;
import org.flar.capture.CaptureResult;
import org.flar.job.Creation;
import org.flar.location.Location;
import org.flar.scripts.ScriptSource;
import org.flar.signature.ArchiveSigning;
import org.flar.signature.SecretKeyFile;
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
                    + "entirely. A tree that is not an OS root (no os-release) has no identity.",
            "",
            "Scripts in the root's /etc/flash/precreation/ run before the capture (FLAR_PHASE, FLAR_ROOT, FLAR_ARCHIVE, "
                    + "FLAR_CONTENT_NAME set; a failing one stops it, exit 8); those in /etc/flash/predeployment/, "
                    + "postdeployment/ and reboot/, and any --script, travel in sections of those names for deploy to "
                    + "run (docs/scripts.md)."},
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
    FromDisks fromDisks;

    @Mixin
    CaptureSelection selection;

    @Mixin
    ArchiveMaking making;

    @Option(names = {"-A", "--master"}, paramLabel = "MASTER",
            description = "Make a differential archive against MASTER: a flash archive (a file, http(s):// or s3://; "
                    + "only its text sections are read) or an old root directory. Only new and changed entries are stored; "
                    + "deletions are recorded; a file whose metadata alone changed (chmod, chown, xattrs, ACLs, mtime) is stored without its content.")
    String master;

    @Option(names = "--checksum", description = "With -A: read and hash every file instead of taking equal metadata "
            + "(type, size, mtime, mode, owner, xattrs) as unchanged, or equal size and mtime as unchanged content.")
    boolean checksum;

    @Option(names = "--sync", description = "fsync the archive before it is put in place (durable at once after a power loss; slower).")
    boolean sync;

    @Option(names = "--script", paramLabel = "PHASE=FILE", description = "A deployment script to carry (predeployment, "
            + "postdeployment, reboot) or to run before the capture (precreation), besides those in the root's "
            + "/etc/flash/PHASE/ directories; repeatable. Scripts must be executable; they run in name order.")
    java.util.List<String> script = new java.util.ArrayList<>();

    @Mixin
    ScriptOptions scripts;

    @Option(names = "--sign", paramLabel = "KEY", description = "Sign the archive with this minisign secret key once it "
            + "is written, as 'flar sign' does (inside, and ARCHIVE.minisig beside it). For standard output, pipe "
            + "through 'flar sign --key KEY -' instead.")
    Path sign;

    @Mixin
    KeyPasswordOptions signPassword;

    @Mixin
    CommonOptions common;

    @Mixin
    LocationOptions locations;

    @Parameters(paramLabel = "ARCHIVE", description = "The archive to write: a file, - for standard output, or s3://BUCKET/KEY "
            + "(a multipart upload, completed only when the archive is).")
    String archive;

    @Override
    public Integer call() throws IOException {
        if (common.json && archive.equals("-")) {
            throw new IllegalArgumentException("--json prints on standard output, where the archive goes: "
                    + "name an archive file or leave out --json");
        }
        if (fromDisks.enabled && master != null) {
            throw new IllegalArgumentException("--from-disks makes a full archive: no -A");
        }
        return fromDisks.run(root, !root.equals(Path.of("/")), Path.of(archive), common.err(), this::capture);
    }

    private int capture(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + ": not a directory (-R needs a root to capture)");
        }
        ArchiveSigning signing = null;
        if (sign != null) {
            if (archive.equals("-") || org.flar.location.Locations.isRemote(archive)) {
                throw new IllegalArgumentException("--sign signs a file: for standard output or a remote location, "
                        + "pipe through 'flar sign --key " + sign + " -'");
            }
            signing = new ArchiveSigning(SecretKeyFile.read(sign, signPassword.source()));
        }
        CaptureOptions options = making.options(root, name != null ? name : Creation.defaultName(root), selection,
                common.quiet ? null : common.err());
        TerminalProgress progress = common.progress();
        Creation creation = making.layout(new Creation(options, making.identity(),
                master == null ? null : Master.of(master, locations.settings(), progress), checksum))
                .layoutRequired(fromDisks.enabled);
        Location location = locations.of(archive, progress);
        java.time.Duration limit = scripts.limit();
        if (limit != null) {
            creation.scripts(ScriptSource.of(root, script, progress), limit, progress);
        } else if (!script.isEmpty()) {
            throw new IllegalArgumentException("--script carries a script: not with --no-scripts");
        }
        CaptureResult r;
        try {
            r = creation.writeTo(location, sync, progress);
        } finally {
            progress.done();
        }
        if (signing != null) {
            signing.signFile(Path.of(archive));
        }
        if (common.json) {
            Json.print(common.out(), Json.with("location", location.toString(), r));
        } else if (!common.quiet) {
            summary(common.err(), location.toString(), r);
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
