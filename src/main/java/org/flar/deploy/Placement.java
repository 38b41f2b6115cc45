package org.flar.deploy;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.flar.fs.FileStat;
import org.flar.fs.FileTrees;
import org.flar.fs.Posix;
import org.flar.fs.TempNames;
import org.flar.fs.UnnamedFile;

/**
 * Puts a new object in place: made under a temporary name beside its destination, given its
 * metadata and checked, then renamed over it, so a half-made object is never seen under the
 * real name and a failure leaves nothing behind. Deployment and putting an identity back both
 * place their entries through this. A regular file can instead be made without a name
 * ({@link UnnamedFile}) and get its name last ({@link #placeUnnamed}): then not even a killed
 * process leaves a temporary name behind.
 */
public final class Placement {
    /** One step on the temporary object: making it, then giving it its metadata. */
    public interface Step {
        void on(Path tmp) throws IOException;
    }

    /** What to do when a directory is where the object goes (rename(2) replaces anything else). */
    public enum DirectoryInTheWay {
        /** Remove it only when empty: a deployment does not throw away what it did not write. */
        REMOVE_IF_EMPTY,
        /** Remove it with everything in it: a saved identity replaces exactly what it saved. */
        REMOVE_TREE
    }

    private final DirectoryInTheWay directories;

    public Placement(DirectoryInTheWay directories) {
        this.directories = directories;
    }

    /**
     * @param what  the object, for the message when a directory is in the way ("file 'etc/x'")
     * @return whether a directory at {@code dest} was removed to make room
     */
    public boolean place(Path dest, String what, Step make, Step finish) throws IOException {
        Path tmp = TempNames.beside(dest);
        return removingOnFailure(tmp, () -> {
            make.on(tmp);
            finish.on(tmp);
            return replace(tmp, dest, what);
        });
    }

    /**
     * Gives {@code file} (written, checked and given its metadata) the name {@code dest}. A new
     * name is one linkat; an existing one cannot be replaced by linkat, so the file is linked
     * under a temporary name and renamed over it, atomically as with {@link #place}. Returns
     * whether a directory at {@code dest} was removed to make room.
     */
    public boolean placeUnnamed(Path dest, String what, UnnamedFile file) throws IOException {
        try {
            file.linkAs(dest);
            return false;
        } catch (FileAlreadyExistsException exists) {
            Path tmp = TempNames.beside(dest);
            file.linkAs(tmp);
            return removingOnFailure(tmp, () -> replace(tmp, dest, what));
        }
    }

    private interface Placing {
        boolean run() throws IOException;
    }

    /** Runs {@code placing} and, should it fail, removes {@code tmp}: no temporary name is left behind. */
    private static boolean removingOnFailure(Path tmp, Placing placing) throws IOException {
        boolean done = false;
        try {
            boolean removed = placing.run();
            done = true;
            return removed;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** A new name {@code dest} for the regular file {@code existing}; returns whether a directory was removed. */
    public boolean placeHardlink(Path dest, String what, Path existing) throws IOException {
        Path tmp = TempNames.beside(dest);
        try {
            Files.createLink(tmp, existing);
            return replace(tmp, dest, what);
        } finally {
            // Also after a rename that "succeeded": rename(2) over another name of the same file
            // does nothing and leaves the temporary name.
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Makes {@code dest} a directory (private, 0700, until its own metadata comes last): an
     * existing one is kept as it is, anything else there is removed first. Returns whether it
     * was made now.
     */
    public static boolean directory(Path dest) throws IOException {
        FileStat st = lstatOrNull(dest);
        if (st != null && !st.isDirectory()) {
            Files.delete(dest);
            st = null;
        }
        if (st == null) {
            Files.createDirectory(dest);
            Posix.chmod(dest, 0700);
            return true;
        }
        return false;
    }

    private boolean replace(Path tmp, Path dest, String what) throws IOException {
        try {
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
            return false;
        } catch (IOException renameFailed) {
            // rename(2) replaces anything but a directory: look only when it failed.
            FileStat st = lstatOrNull(dest);
            if (st == null || !st.isDirectory()) {
                throw renameFailed;
            }
        }
        if (directories == DirectoryInTheWay.REMOVE_TREE) {
            FileTrees.delete(dest);
        } else {
            try {
                Files.delete(dest);
            } catch (DirectoryNotEmptyException full) {
                throw new IOException(dest + ": a non-empty directory is in the way of " + what);
            }
        }
        Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private static FileStat lstatOrNull(Path p) throws IOException {
        try {
            return Posix.lstat(p);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
