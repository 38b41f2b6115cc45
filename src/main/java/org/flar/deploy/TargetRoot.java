package org.flar.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.flar.fs.Beneath;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;
import org.flar.fs.TempNames;
import org.flar.fs.UnsafePathException;

/**
 * The directory a deployment writes into, and the guard that keeps every entry inside it: the
 * rule of {@link Beneath} (plain relative names; every directory on the way a real directory,
 * never a symlink, so an archive cannot plant a link and then write through it), applied
 * incrementally — a deployment touches each directory many times, so what was checked is
 * remembered, and missing directories are made as entries need them.
 *
 * <p>Each existing directory is, the first time it is checked, cleared of the temporary files
 * a killed deployment left ({@link TempNames}); the target is locked, so they cannot be another
 * deployment's.
 */
public final class TargetRoot {
    private final Beneath root;
    private final String archiveName;
    /** Directories already checked to be real directories inside the root. */
    private final Set<String> checkedDirs = ConcurrentHashMap.newKeySet();
    private final AtomicLong leftoversRemoved = new AtomicLong();

    public TargetRoot(Beneath root, String archiveName) throws IOException {
        this.root = root;
        this.archiveName = archiveName;
        checkedDirs.add(".");
        leftoversRemoved.addAndGet(TempNames.removeLeftovers(root.root()));
    }

    public Path path() {
        return root.root();
    }

    /**
     * The location of {@code rel} in the target, after checking its name and that its parent
     * directories are real directories (created as needed, mode 0700 until their own entry's
     * metadata arrives).
     */
    public Path resolve(String rel) throws IOException {
        if (rel.equals(".")) {
            return root.root();
        }
        checkName(rel);
        int slash = rel.lastIndexOf('/');
        if (slash > 0) {
            ensureDirectory(rel.substring(0, slash));
        }
        return root.root().resolve(rel);
    }

    public void checkName(String rel) throws UnsafeEntryException {
        try {
            Beneath.checkName(rel);
        } catch (UnsafePathException e) {
            throw unsafe(rel, e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
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
        // Its parent was just checked: lstat of the last component is the rest of the walk.
        Path p = root.root().resolve(dir);
        try {
            FileStat st = Posix.lstat(p);
            if (st.isSymlink()) {
                throw unsafe(dir, "a symlink on the way to a later entry (would write outside through it)");
            }
            if (!st.isDirectory()) {
                throw unsafe(dir, "not a directory, but later entries are inside it");
            }
            leftoversRemoved.addAndGet(TempNames.removeLeftovers(p));
        } catch (NoSuchFileException missing) {
            Files.createDirectory(p);
            Posix.chmod(p, 0700);
        }
        checkedDirs.add(dir);
    }

    /** A directory this deployment made (under a checked parent): nothing to check or clear in it. */
    void made(String rel) {
        checkedDirs.add(rel);
    }

    /** Forget a directory that was replaced (its entry is not a directory any more). */
    void forget(String rel) {
        checkedDirs.remove(rel);
    }

    /** Temporary files of killed deployments removed so far. */
    long leftoversRemoved() {
        return leftoversRemoved.get();
    }

    private UnsafeEntryException unsafe(String rel, String why) {
        return new UnsafeEntryException(archiveName + ": entry '" + rel + "' is unsafe: " + why);
    }
}
