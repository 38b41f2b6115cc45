package org.flar.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flar.capture.CaptureOptions;
import org.flar.format.Identification;
import org.flar.format.PayloadFormat;
import org.flar.format.UserSection;
import org.flar.format.compress.Compression;
import org.flar.job.Creation;
import picocli.CommandLine.Option;

/** How a captured archive is made: the options {@code create} and {@code media create -R} share. */
final class ArchiveMaking {
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

    @Option(names = "--scrub-identity", description = "Leave the root's identity out of the archive entirely: the payload "
            + "holds the unconfigured state (as 'flar unconfig' leaves it) and there is no identity section. A golden "
            + "image without the master's keys, hashes and addresses.")
    boolean scrubIdentity;

    @Option(names = "--save-identity", paramLabel = "BUNDLE", description = "Also write the identity bundle (bound to this "
            + "archive) to BUNDLE; with --scrub-identity the one place it is kept ('flar deploy --identity BUNDLE' puts it back).")
    Path saveIdentity;

    @Option(names = "--no-layout", description = "Do not record the disk layout (recorded by default when the root is "
            + "the running system or a mounted file system: partitions, md, LUKS, LVM, file systems, swap, boot loader; "
            + "flar recover recreates it, docs/layout.md).")
    boolean noLayout;

    @Option(names = "--layout", paramLabel = "FILE", description = "Carry this layout (docs/layout.md) instead of recording one: "
            + "the layout flar recover recreates for this archive.")
    Path layoutFile;

    @Option(names = "--layout-from", paramLabel = "DEV", arity = "1..*", description = "Record the layout of the disks under "
            + "these devices (disks, partitions, arrays, volumes) for a root not mounted from them (a copy, a restored tree): "
            + "the root's own etc/fstab says which of their file systems are mounted where, and which swap is its.")
    List<String> layoutFrom = List.of();

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", description = "Identity profile: linux, solaris or a profile "
            + "file (default: from the root's os-release). Without one, a tree that is not an OS root has no identity.")
    String profile;

    /** The capture of {@code root} under {@code name}, selected by {@code selection}; notes (a binary section) go to {@code notes}. */
    CaptureOptions options(Path root, String name, CaptureSelection selection, PrintWriter notes) throws IOException {
        Map<String, String> extra = new LinkedHashMap<>();
        if (contentType != null) {
            extra.put(Identification.CONTENT_TYPE, contentType);
        }
        if (description != null) {
            extra.put(Identification.CONTENT_DESCRIPTION, description);
        }
        if (author != null) {
            extra.put(Identification.CONTENT_AUTHOR, author);
        }
        extra.putAll(keywords);
        Map<String, byte[]> userSections = new LinkedHashMap<>();
        for (Path s : sections) {
            String sectionName = s.getFileName().toString();
            byte[] content = Files.readAllBytes(s);
            byte[] stored = UserSection.encode(sectionName, content);
            if (stored != content && notes != null) {
                notes.println("flar: note: section " + sectionName + " is not text: stored as base64 (base64 -d gives it back)");
            }
            userSections.put(sectionName, stored);
        }
        return CaptureOptions.builder(root, name).rules(selection.rules()).oneFileSystem(selection.oneFileSystem)
                .format(PayloadFormat.fromKeyword(format)).compression(Compression.fromKeyword(compression), level)
                .threads(threads).strict(strict).keywords(extra).userSections(userSections).build();
    }

    /** The creation with the layout choices of the command line. */
    Creation layout(Creation c) {
        int given = (noLayout ? 1 : 0) + (layoutFile != null ? 1 : 0) + (layoutFrom.isEmpty() ? 0 : 1);
        if (given > 1) {
            throw new IllegalArgumentException("--no-layout, --layout and --layout-from each say where the layout comes from: give one");
        }
        return c.layout(!noLayout, layoutFile).layoutFrom(layoutFrom);
    }

    Creation.Identity identity() {
        return new Creation.Identity(scrubIdentity, saveIdentity, profile);
    }
}
