package org.flar.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;

/**
 * The directory a deployment writes into, and the guard that keeps every entry inside it:
 * names must be relative and plain (no "..", ".", empty or NUL components), and every directory
 * on the way must be a real directory, never a symlink — so an archive cannot plant a link
 * and then write through it (the classic tar escape).
 */
public final class TargetRoot {
    private final Path root;
    private final String archiveName;
    /** Directories already checked to be real directories inside the root. */
    private final Set<String> checkedDirs = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public TargetRoot(Path root, String archiveName) {
        this.root = root;
        this.archiveName = archiveName;
        checkedDirs.add(".");
    }

    public Path path() {
        return root;
    }

    /**
     * The location of {@code rel} in the target, after checking its name and that its parent
     * directories are real directories (created as needed, mode 0700 until their own entry's
     * metadata arrives).
     */
    public Path resolve(String rel) throws IOException {
        if (rel.equals(".")) {
            return root;
        }
        checkName(rel);
        int slash = rel.lastIndexOf('/');
        if (slash > 0) {
            ensureDirectory(rel.substring(0, slash));
        }
        return root.resolve(rel);
    }

    public void checkName(String rel) throws UnsafeEntryException {
        if (rel.isEmpty() || rel.startsWith("/") || rel.indexOf('\0') >= 0) {
            throw unsafe(rel, "an absolute or empty name");
        }
        for (String component : rel.split("/", -1)) {
            if (component.isEmpty() || component.equals(".") || component.equals("..")) {
                throw unsafe(rel, "a name with an empty, '.' or '..' component");
            }
        }
    }

    private void ensureDirectory(String dir) throws IOException {
        if (checkedDirs.contains(dir)) {
            return;
        }
        int slash = dir.lastIndexOf('/');
        if (slash > 0) {
            ensureDirectory(dir.substring(0, slash));
        }
        Path p = root.resolve(dir);
        try {
            FileStat st = Posix.lstat(p);
            if (st.isSymlink()) {
                throw unsafe(dir, "a symlink on the way to a later entry (would write outside through it)");
            }
            if (!st.isDirectory()) {
                throw unsafe(dir, "not a directory, but later entries are inside it");
            }
        } catch (NoSuchFileException missing) {
            Files.createDirectory(p);
            Posix.chmod(p, 0700);
        }
        checkedDirs.add(dir);
    }

    /** Forget a directory that was replaced (its entry is not a directory any more). */
    void forget(String rel) {
        checkedDirs.remove(rel);
    }

    private UnsafeEntryException unsafe(String rel, String why) {
        return new UnsafeEntryException(archiveName + ": entry '" + rel + "' is unsafe: " + why);
    }
}
