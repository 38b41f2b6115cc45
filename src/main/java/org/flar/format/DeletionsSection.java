package org.flar.format;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A differential's {@code deletions} section, read and checked whole: every line a valid path
 * (not the root "."), in manifest order without repeats, each with a line in the base section
 * (only what the master had can be deleted).
 */
final class DeletionsSection {
    private DeletionsSection() {
    }

    static List<String> read(FlashArchiveReader archive, Set<String> basePaths) throws IOException {
        String name = archive.name();
        if (!archive.hasSection(FlashArchive.DELETIONS)) {
            throw new CorruptArchiveException(name + ": differential archive has no deletions section");
        }
        List<String> paths = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(archive.sectionStream(FlashArchive.DELETIONS), UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String path;
                try {
                    path = ManifestEscape.unescape(line, "path");
                    ArchivePaths.check(path);
                } catch (IllegalArgumentException e) {
                    throw new UnsafeArchiveException(name + ": deletion '" + Show.line(line) + "' is unsafe: " + e.getMessage());
                }
                if (path.equals(".")) {
                    throw new UnsafeArchiveException(name + ": deletion of the target root '.' refused");
                }
                if (!paths.isEmpty() && ArchivePaths.compare(paths.getLast(), path) >= 0) {
                    throw new CorruptArchiveException(name + ": deletion '" + path + "' out of order or repeated");
                }
                if (!basePaths.contains(path)) {
                    throw new CorruptArchiveException(name + ": deletion '" + path + "' has no line in the base section");
                }
                paths.add(path);
            }
        }
        return paths;
    }
}
