package org.flar.deploy.chain;

import static java.nio.charset.StandardCharsets.UTF_8;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flar.entry.EntryType;
import org.flar.format.ArchivePaths;
import org.flar.format.FlashArchiveReader;
import org.flar.format.ManifestEntry;
import org.flar.format.ManifestReader;
import org.flar.format.StateId;
import org.flar.format.UnsafeArchiveException;
import org.flar.fs.Beneath;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;
import org.flar.fs.TempNames;
import org.flar.fs.UnsafePathException;

/**
 * What a deployed root remembers of the archive it was made from, as Solaris' /etc/flash/master
 * did: {@code var/lib/flar/state}, keyword=value lines with the state id (state_sha256), the
 * archive's content_name, archive_id and type. A differential is applied only onto the state it
 * was made against. The parent directory's times are put back, so recording the state does not
 * itself look like a change to the next capture of a clone.
 */
public final class StateFile {
    public static final String PATH = "var/lib/flar/state";
    /** The state file and the directories on its way, parents first. */
    private static final List<String> WAY = List.of("var", "var/lib", "var/lib/flar", PATH);

    private StateFile() {
    }

    /** The recorded keywords, or an empty map when the target (or its state file) does not exist. */
    public static Map<String, String> read(Path target) throws IOException {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return new LinkedHashMap<>();
        }
        try (Beneath root = Beneath.open(target)) {
            return read(root);
        }
    }

    /** The recorded keywords, or an empty map when the target has no state file. */
    static Map<String, String> read(Beneath root) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            Path file = root.resolve(PATH);
            if (!(statOrNull(file) instanceof FileStat st) || !st.isRegular()) {
                return out;
            }
            for (String line : Files.readAllLines(file, UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (UnsafePathException linked) {
            // A state reached through a link is not this target's: none recorded.
        }
        return out;
    }

    /**
     * Refuses, before anything is written, a deployment after which the state file could not be
     * written without following a link: one of its directories (or the file) is a symlink or of
     * the wrong type in the state the archive leaves or, where the archive has no line for it, in
     * the target.
     */
    static void checkWritable(FlashArchiveReader archive, Beneath root) throws IOException {
        Map<String, EntryType> inArchive = new HashMap<>();
        String section = StateId.stateSection(archive);
        try (ManifestReader state = new ManifestReader(archive.sectionStream(section), archive.name(), -1)) {
            // In manifest order the way's paths come before anything that sorts after the file itself.
            for (ManifestEntry e; (e = state.next()) != null && ArchivePaths.compare(e.path(), PATH) <= 0; ) {
                if (WAY.contains(e.path())) {
                    inArchive.put(e.path(), e.entry().type());
                }
            }
        }
        for (String p : WAY) {
            EntryType want = p.equals(PATH) ? EntryType.FILE : EntryType.DIRECTORY;
            EntryType type = inArchive.get(p);
            if (type != null && type != want) {
                throw new UnsafeArchiveException(archive.name() + ": '" + p + "' is a " + type.keyword()
                        + " where flar keeps the target's state (a " + want.keyword() + "); deploy with --no-state");
            }
            if (type == null) {
                FileStat st = statOrNull(root.resolve(p));
                if (st != null && (st.isSymlink() || st.isDirectory() != (want == EntryType.DIRECTORY))) {
                    throw new UnsafePathException(root.root().resolve(p) + ": not a " + (want == EntryType.FILE ? "regular file" : "directory")
                            + " where flar keeps the target's state; nothing was changed (deploy with --no-state)");
                }
            }
        }
    }

    static void write(Beneath root, Map<String, String> keywords) throws IOException {
        // The deepest directory that exists already is the one whose mtime this write changes.
        String changed = "var/lib";
        while (!changed.equals(".") && !root.isDirectory(changed)) {
            changed = changed.contains("/") ? changed.substring(0, changed.lastIndexOf('/')) : ".";
        }
        FileStat before = Posix.lstat(root.resolve(changed));
        for (String dir : WAY.subList(0, 3)) {
            Path d = root.resolve(dir);
            if (statOrNull(d) == null) {
                Files.createDirectory(d);
            }
        }
        Path file = root.resolve(PATH);
        if (statOrNull(file) instanceof FileStat st && !st.isRegular()) {
            throw new UnsafePathException(file + ": not a regular file where flar keeps the target's state");
        }
        StringBuilder b = new StringBuilder();
        keywords.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        Path tmp = TempNames.beside(file);
        try {
            Files.writeString(tmp, b, UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Posix.setTimes(root.resolve(changed), before.mtimeNanos(), before.mtimeNanos());
    }

    private static FileStat statOrNull(Path p) throws IOException {
        try {
            return Posix.lstat(p);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
