package org.flar.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The one naming of the temporary files flar makes inside a root before renaming them into
 * place: {@code .flar-PID-N}. A process killed between the two leaves one behind; since every
 * writer of a root holds {@link Beneath#lockExclusively} (or writes only what it then renames),
 * the next deployment that finds one in a directory it writes to knows it is a leftover and
 * removes it.
 */
public final class TempNames {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final String PREFIX = ".flar-";
    private static final Pattern LEFTOVER = Pattern.compile("\\.flar-[0-9]+-[0-9]+");

    private TempNames() {
    }

    /** A fresh name beside {@code dest}, unique in this process. */
    public static Path beside(Path dest) {
        return dest.resolveSibling(PREFIX + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
    }

    private static boolean isTemporary(String name) {
        return LEFTOVER.matcher(name).matches();
    }

    /** Removes what a killed flar left in {@code dir} (a real directory, checked by the caller); returns how many. */
    public static int removeLeftovers(Path dir) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> isTemporary(p.getFileName().toString()))) {
            for (Path p : s) {
                try {
                    if (!Posix.lstat(p).isDirectory()) {
                        Files.deleteIfExists(p);
                        removed++;
                    }
                } catch (NoSuchFileException gone) {
                    // removed meanwhile
                }
            }
        }
        return removed;
    }
}
