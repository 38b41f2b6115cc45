package org.flar.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;

/**
 * Scratch files of one capture: the payload and the manifest are only complete once every file
 * was read, but they must be written after the text sections, so they wait here. Kept next to
 * the output archive so the final copy stays on one file system (the kernel copies it).
 */
final class CaptureSpool implements AutoCloseable {
    private final Path dir;

    CaptureSpool(Path parent) throws IOException {
        this.dir = Files.createTempDirectory(parent, ".flar-spool-");
    }

    Path payload() {
        return dir.resolve("payload");
    }

    Path manifest() {
        return dir.resolve("manifest");
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** The spool itself must never be captured, should it lie inside the root. */
    Set<TreeWalker.FileKey> fileKeys() throws IOException {
        Set<TreeWalker.FileKey> keys = new HashSet<>();
        keys.add(keyOf(dir));
        return keys;
    }

    TreeWalker.FileKey keyOf(Path p) throws IOException {
        FileStat st = Posix.lstat(p);
        return new TreeWalker.FileKey(st.dev(), st.ino());
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
