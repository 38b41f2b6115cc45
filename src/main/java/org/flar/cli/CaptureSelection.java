package org.flar.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.capture.ExcludeRules;
import picocli.CommandLine.Option;

/**
 * What of a root is captured: the options {@code create}, {@code media create -R} and
 * {@code compare} share, so that a comparison and a differential see the tree a capture sees.
 */
final class CaptureSelection {
    @Option(names = {"-x", "--exclude"}, paramLabel = "PATH", description = "Leave out PATH (from the root) and all below it, or what a glob matches (repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(names = {"-X", "--exclude-from"}, paramLabel = "LISTFILE", description = "Read exclusions from LISTFILE, one per line (# comments).")
    List<Path> excludeFiles = new ArrayList<>();

    @Option(names = {"-y", "--include"}, paramLabel = "PATH", description = "Capture PATH even though an exclusion covers it (repeatable).")
    List<String> includes = new ArrayList<>();

    @Option(names = "--one-file-system", description = "Do not descend into other mounted file systems.")
    boolean oneFileSystem;

    /** -x paths and the lines of the -X files (blank lines and # comments skipped), and -y. */
    ExcludeRules rules() throws IOException {
        List<String> all = new ArrayList<>(excludes);
        for (Path f : excludeFiles) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    all.add(line.strip());
                }
            }
        }
        return new ExcludeRules(all, includes);
    }
}
