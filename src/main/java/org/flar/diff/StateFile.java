package org.flar.diff;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;

/**
 * What a deployed root remembers of the archive it was made from, as Solaris' /etc/flash/master
 * did: {@code var/lib/flar/state}, keyword=value lines with the state id (state_sha256), the
 * archive's content_name, archive_id and type. A differential is applied only onto the state it
 * was made against. The parent directory's times are put back, so recording the state does not
 * itself look like a change to the next capture of a clone.
 */
public final class StateFile {
    public static final String PATH = "var/lib/flar/state";

    private StateFile() {
    }

    /** The recorded keywords, or an empty map when the target has no state file. */
    public static Map<String, String> read(Path target) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Path file = target.resolve(PATH);
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        for (String line : Files.readAllLines(file, UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    public static void write(Path target, Map<String, String> keywords) throws IOException {
        Path file = target.resolve(PATH);
        Path dir = file.getParent();
        // The deepest directory that exists already is the one whose mtime this write changes.
        Path varLib = dir.getParent();
        while (statOrNull(varLib) == null && !varLib.equals(target)) {
            varLib = varLib.getParent();
        }
        FileStat before = statOrNull(varLib);
        for (String p : new String[] {"var", "var/lib", "var/lib/flar", PATH}) {
            if (Files.isSymbolicLink(target.resolve(p))) {
                throw new IOException(target.resolve(p) + ": a symlink where flar keeps its state");
            }
        }
        Files.createDirectories(dir);
        StringBuilder b = new StringBuilder();
        keywords.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        Path tmp = dir.resolve(".state.tmp");
        Files.writeString(tmp, b, UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (before != null) {
            Posix.setTimes(varLib, before.mtimeNanos(), before.mtimeNanos());
        }
    }

    private static FileStat statOrNull(Path p) throws IOException {
        try {
            return Posix.lstat(p);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
