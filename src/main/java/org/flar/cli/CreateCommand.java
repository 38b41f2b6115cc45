package org.flar.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flar.capture.Capture;
import org.flar.capture.CaptureOptions;
import org.flar.capture.CaptureResult;
import org.flar.capture.ChangeListener;
import org.flar.capture.Differential;
import org.flar.capture.ExcludeRules;
import org.flar.capture.IdentityPolicy;
import org.flar.diff.Differ;
import org.flar.format.PayloadFormat;
import org.flar.format.UserSection;
import org.flar.format.compress.Compression;
import org.flar.identity.CaptureIdentity;
import org.flar.identity.UnconfigPlan;
import org.flar.identity.profile.OsFamily;
import org.flar.identity.profile.ProfileChoice;
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

    @Option(names = {"-x", "--exclude"}, paramLabel = "PATH", description = "Leave out PATH (from the root) and all below it, or what a glob matches (repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(names = {"-X", "--exclude-from"}, paramLabel = "LISTFILE", description = "Read exclusions from LISTFILE, one per line (# comments).")
    List<Path> excludeFiles = new ArrayList<>();

    @Option(names = {"-y", "--include"}, paramLabel = "PATH", description = "Capture PATH even though an exclusion covers it (repeatable).")
    List<String> includes = new ArrayList<>();

    @Option(names = "--one-file-system", description = "Do not descend into other mounted file systems.")
    boolean oneFileSystem;

    @Option(names = {"-c", "--compress"}, paramLabel = "METHOD", description = "zstd (default), xz, gzip or none.")
    String compression = "zstd";

    @Option(names = "--level", paramLabel = "N", description = "Compression level (default: zstd 3, xz 6, gzip 6).")
    int level = -1;

    @Option(names = {"-L", "--format"}, paramLabel = "FORMAT",
            description = "Payload format: pax (default: keeps everything) or cpio (SVR4 newc: loses xattrs, ACLs, nanoseconds and holes, and says so).")
    String format = "pax";

    @Option(names = "--threads", paramLabel = "N", description = "Reading and compression threads (default: the number of CPUs).")
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());

    @Option(names = "--strict", description = "A file that changes while it is read is an error (exit 5), not a warning.")
    boolean strict;

    @Option(names = {"-e", "--description"}, paramLabel = "TEXT", description = "content_description.")
    String description;

    @Option(names = {"-a", "--author"}, paramLabel = "NAME", description = "content_author.")
    String author;

    @Option(names = {"-T", "--type"}, paramLabel = "TYPE", description = "content_type (free text).")
    String contentType;

    @Option(names = {"-U", "--keyword"}, paramLabel = "KEY=VALUE", description = "Extra identification keyword (repeatable): your own (X-...) or content_type, "
            + "content_description, content_author; keywords flar sets itself are refused.")
    Map<String, String> keywords = new LinkedHashMap<>();

    @Option(names = {"-u", "--section"}, paramLabel = "FILE", description = "Add a user-defined section named after FILE (its name must start with X); a file that is not text is stored as base64.")
    List<Path> sections = new ArrayList<>();

    @Option(names = {"-A", "--master"}, paramLabel = "MASTER",
            description = "Make a differential archive against MASTER: a flash archive (only its text sections are read) "
                    + "or an old root directory. Only new and changed entries are stored; deletions are recorded; a file "
                    + "whose metadata alone changed (chmod, chown, xattrs, ACLs, mtime) is stored without its content.")
    Path master;

    @Option(names = "--checksum", description = "With -A: read and hash every file instead of taking equal metadata "
            + "(type, size, mtime, mode, owner, xattrs) as unchanged, or equal size and mtime as unchanged content.")
    boolean checksum;

    @Option(names = "--scrub-identity", description = "Leave the root's identity out of the archive entirely: the payload "
            + "holds the unconfigured state (as 'flar unconfig' leaves it) and there is no identity section. A golden "
            + "image without the master's keys, hashes and addresses.")
    boolean scrubIdentity;

    @Option(names = "--save-identity", paramLabel = "BUNDLE", description = "Also write the identity bundle (bound to this "
            + "archive) to BUNDLE; with --scrub-identity the one place it is kept ('flar deploy --identity BUNDLE' puts it back).")
    Path saveIdentity;

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", description = "Identity profile: linux, solaris or a profile "
            + "file (default: from the root's os-release). Without one, a tree that is not an OS root has no identity.")
    String profile;

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
        List<String> allExcludes = allExcludes(excludes, excludeFiles);
        Map<String, String> extra = new LinkedHashMap<>();
        if (contentType != null) {
            extra.put("content_type", contentType);
        }
        if (description != null) {
            extra.put("content_description", description);
        }
        if (author != null) {
            extra.put("content_author", author);
        }
        extra.putAll(keywords);
        Map<String, byte[]> userSections = new LinkedHashMap<>();
        for (Path s : sections) {
            String sectionName = s.getFileName().toString();
            byte[] content = Files.readAllBytes(s);
            byte[] stored = UserSection.encode(sectionName, content);
            if (stored != content && !common.quiet) {
                System.err.println("flar: note: section " + sectionName + " is not text: stored as base64 (base64 -d gives it back)");
            }
            userSections.put(sectionName, stored);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + ": not a directory (-R needs a root to capture)");
        }
        String contentName = name != null ? name : hostNameOf(root);
        CaptureOptions options = new CaptureOptions(root, contentName, allExcludes, includes, oneFileSystem,
                PayloadFormat.fromKeyword(format), Compression.fromKeyword(compression), level, threads, strict,
                extra, userSections, null);
        TerminalProgress progress = common.progress();
        IdentityPolicy identity = identity(root, progress);
        CaptureResult[] result = new CaptureResult[1];
        Differ differ = master == null ? null
                : Differ.against(master, new ExcludeRules(allExcludes, includes), oneFileSystem);
        try (differ) {
            Differential diff = differ == null ? null : new Differential(differ, checksum, ChangeListener.NONE);
            ArchiveFiles.create(archive, sync, (out, file) -> result[0] = new Capture(options, progress, diff).identity(identity).run(out, file,
                    file == null ? null : Path.of(archive)));
        } finally {
            progress.done();
        }
        CaptureResult r = result[0];
        if (common.json) {
            Json.print(r);
        } else if (!common.quiet) {
            System.err.printf("flar: %s: %d entries, %s of files read (%d files), %s stored%s%n",
                    ArchiveFiles.displayName(archive), r.entries(), Sizes.human(r.bytes()), r.filesRead(),
                    Sizes.human(r.storedSize()), r.changed() > 0 ? ", " + r.changed() + " changed while read" : "");
            if (master != null) {
                System.err.printf("flar: differential against %s: %d unchanged (not read), %d metadata-only, %d deleted%n",
                        master, r.unchanged(), r.metadataOnly(), r.deleted());
            }
        }
        return ExitCode.OK;
    }

    /** -x paths and the lines of the -X files (blank lines and # comments skipped). */
    static List<String> allExcludes(List<String> excludes, List<Path> excludeFiles) throws IOException {
        List<String> all = new ArrayList<>(excludes);
        for (Path f : excludeFiles) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    all.add(line.strip());
                }
            }
        }
        return all;
    }

    /** The identity policy of a full capture of an OS root (or with --profile); null otherwise. */
    private IdentityPolicy identity(Path root, TerminalProgress progress) throws IOException {
        boolean asked = scrubIdentity || saveIdentity != null || profile != null;
        if (master != null) {
            if (asked) {
                throw new IllegalArgumentException("--scrub-identity, --save-identity and --profile are for full archives, not with -A "
                        + "(a differential leaves identity to each clone)");
            }
            return null;
        }
        if (profile == null && OsFamily.detect(root) == null) {
            if (asked) {
                throw new IllegalArgumentException(root + ": not an OS root (no os-release, no Solaris markers): "
                        + "give --profile to treat its identity");
            }
            return null;
        }
        ProfileChoice choice = ProfileChoice.forRoot(root, profile);
        Path spoolDir = archive.equals("-") ? Path.of(System.getProperty("java.io.tmpdir"))
                : Path.of(archive).toAbsolutePath().getParent();
        return new CaptureIdentity(UnconfigPlan.of(root, choice), scrubIdentity, saveIdentity, spoolDir, progress);
    }

    /** The default content_name: the root's /etc/hostname, else the root directory's name. */
    static String hostNameOf(Path root) {
        try {
            String h = Files.readString(root.resolve("etc/hostname")).strip();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException e) {
            // fall through to the root's directory name
        }
        Path n = root.toAbsolutePath().normalize().getFileName();
        return n == null ? "root" : n.toString();
    }
}
