package org.flar.scripts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.flar.fs.Beneath;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;
import org.flar.fs.TempNames;
import org.flar.fs.UnsafePathException;

/** Files the script machinery puts into a deployed target, never through a link the target holds. */
final class TargetFiles {
    private TargetFiles() {
    }

    /** Writes {@code rel} (its directories made 0755) under a temporary name, then renames it into place. */
    static void write(Beneath root, String rel, byte[] content, int mode) throws IOException {
        int slash = rel.lastIndexOf('/');
        if (slash > 0) {
            root.makeDirectories(rel.substring(0, slash), 0755);
        }
        Path file = root.resolve(rel);
        FileStat st = lstatOrNull(file);
        if (st != null && !st.isRegular()) {
            throw new UnsafePathException(file + ": not a regular file where flar puts a deployment script's file");
        }
        Path tmp = TempNames.beside(file);
        try {
            Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Posix.chmod(tmp, mode);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A symlink {@code rel} → {@code target}, replacing one that is there (a link is never followed). */
    static void link(Beneath root, String rel, String target) throws IOException {
        int slash = rel.lastIndexOf('/');
        root.makeDirectories(rel.substring(0, slash), 0755);
        Path link = root.resolve(rel);
        FileStat st = lstatOrNull(link);
        if (st != null && st.isDirectory()) {
            throw new UnsafePathException(link + ": a directory where flar puts a unit's link");
        }
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(target));
    }

    /** Removes {@code rel} and what it holds, not following links. */
    static void removeTree(Beneath root, String rel) throws IOException {
        Path p = root.resolve(rel);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (var children = Files.list(p)) {
                for (Path c : children.toList()) {
                    removeTree(root, rel + "/" + c.getFileName());
                }
            }
        }
        Files.delete(p);
    }

    static FileStat lstatOrNull(Path p) throws IOException {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? Posix.lstat(p) : null;
    }
}
