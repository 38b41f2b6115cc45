package org.flar.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.layout.DiskAssembly;
import picocli.CommandLine.Option;

/** --from-disks and its --key-file (create, media create): capture the machine on the disks, nothing of it running. */
final class FromDisks {
    /** Where the machine found on the disks is mounted. */
    static final Path SOURCE = Path.of("/mnt/source");

    @Option(names = "--from-disks", description = "Capture the machine on this computer's disks with nothing of it "
            + "running (from the rescue system): md, LVM (and LUKS with --key-file) are brought up, the file system "
            + "holding a system is mounted read-only at /mnt/source with the others below it per its own fstab, "
            + "and the layout is recorded from them.")
    boolean enabled;

    @Option(names = "--key-file", paramLabel = "FILE", description = "With --from-disks: the LUKS key, to open encrypted volumes.")
    Path keyFile;

    interface Capture {
        int from(Path root) throws IOException;
    }

    /**
     * Runs {@code capture} on the root given, or with --from-disks on the machine brought up from the disks.
     *
     * @param output where the capture is written (refused on one of the machine's own disks)
     */
    int run(Path root, boolean rootGiven, Path output, PrintWriter notes, Capture capture) throws IOException {
        if (!enabled) {
            return capture.from(root);
        }
        if (rootGiven) {
            throw new IllegalArgumentException("--from-disks finds the root itself: leave out -R");
        }
        List<String> found = new ArrayList<>();
        try (DiskAssembly disks = DiskAssembly.bringUp(SOURCE, keyFile == null ? null : Files.readAllBytes(keyFile), found)) {
            found.forEach(n -> notes.println("flar: note: " + n));
            disks.requireOutside(output);
            return capture.from(SOURCE);
        }
    }
}
