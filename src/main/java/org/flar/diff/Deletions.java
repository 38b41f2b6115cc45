package org.flar.diff;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flar.format.ArchivePaths;
import org.flar.format.CorruptArchiveException;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveReader;
import org.flar.format.ManifestEscape;
import org.flar.fs.Posix;
import org.flar.progress.Progress;

/**
 * A differential's deletions: read and checked whole before anything is changed (a deletion of
 * the root, of a path with "..", out of order, or without a base line is refused), then applied
 * deepest first, so a directory is removed after its contents. A directory that still holds
 * files the master never had is kept and reported.
 */
final class Deletions {
    private final List<String> paths;

    private Deletions(List<String> paths) {
        this.paths = paths;
    }

    static Deletions read(FlashArchiveReader archive, Set<String> basePaths) throws IOException {
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
                    throw new CorruptArchiveException(name + ": deletion '" + line + "' is unsafe: " + e.getMessage());
                }
                if (path.equals(".")) {
                    throw new CorruptArchiveException(name + ": deletion of the target root '.' refused");
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
        return new Deletions(paths);
    }

    List<String> paths() {
        return paths;
    }

    /** Returns the number of entries removed. */
    long apply(Path target, Progress progress) throws IOException {
        long removed = 0;
        for (int i = paths.size() - 1; i >= 0; i--) {
            String rel = paths.get(i);
            Path p = target.resolve(rel);
            refuseSymlinkParents(target, rel);
            try {
                Files.delete(p);
                removed++;
            } catch (NoSuchFileException gone) {
                // Already gone: only reachable with --no-master-check, which said not to mind.
            } catch (DirectoryNotEmptyException kept) {
                progress.warning(rel + ": directory kept: it holds files the master never had");
            }
        }
        return removed;
    }

    /** A deletion must not reach through a symlink the clone has where the master had a directory. */
    private static void refuseSymlinkParents(Path target, String rel) throws IOException {
        for (int slash = rel.indexOf('/'); slash > 0; slash = rel.indexOf('/', slash + 1)) {
            Path parent = target.resolve(rel.substring(0, slash));
            try {
                if (Posix.lstat(parent).isSymlink()) {
                    throw new IOException(parent + ": a symlink on the way to deletion '" + rel + "'; refused");
                }
            } catch (NoSuchFileException gone) {
                return;
            }
        }
    }
}
