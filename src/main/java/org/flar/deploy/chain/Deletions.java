package org.flar.deploy.chain;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.flar.fs.Beneath;
import org.flar.fs.UnsafePathException;
import org.flar.progress.Progress;

/**
 * A differential's deletions (read and checked by {@code format.Preflight}), applied deepest
 * first, so a directory is removed after its contents. None may reach through a symlink the
 * target has where the master had a directory: that is checked for all of them before the
 * first is removed. A directory that still holds files the master never had is kept and reported.
 */
final class Deletions {
    private final List<String> paths;

    Deletions(List<String> paths) {
        this.paths = paths;
    }

    /** Refuses, with nothing changed, when a deletion's way goes through a symlink or a file of the target. */
    void checkTarget(Beneath root, String archiveName) throws IOException {
        List<String> unsafe = new ArrayList<>();
        for (String rel : paths) {
            try {
                root.resolve(rel);
            } catch (UnsafePathException e) {
                unsafe.add(rel);
            }
        }
        if (!unsafe.isEmpty()) {
            throw new DriftException(archiveName + ": " + root.root() + ": a symlink or a file where the master had a directory,"
                    + " on the way to " + unsafe.size() + " deletion(s); nothing was changed: " + Drift.describe(unsafe));
        }
    }

    /** Returns the number of entries removed. */
    long apply(Beneath root, Progress progress) throws IOException {
        long removed = 0;
        for (int i = paths.size() - 1; i >= 0; i--) {
            String rel = paths.get(i);
            try {
                Files.delete(root.resolve(rel));
                removed++;
            } catch (NoSuchFileException gone) {
                // Already gone: only reachable with --no-master-check, which said not to mind.
            } catch (DirectoryNotEmptyException kept) {
                progress.warning(rel + ": directory kept: it holds files the master never had");
            }
        }
        return removed;
    }
}
