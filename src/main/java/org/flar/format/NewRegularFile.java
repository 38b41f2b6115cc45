package org.flar.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file that {@code flar split} creates itself, never through whatever already has its
 * name: an archive's section names are the archive's choice, and a symlink planted in the
 * directory (even a dangling one) must not send a section elsewhere. A new file is created with
 * O_CREAT|O_EXCL, which fails on any existing name, links included; replacing ({@code -f}) writes
 * a temporary file beside it and renames it over the old one, since rename replaces a link rather
 * than following it, and only a regular file is replaced. A failed write leaves nothing behind.
 */
final class NewRegularFile {

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private NewRegularFile() {
    }

    static void write(Path file, boolean replace, Body body) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!replace) {
                throw new FileAlreadyExistsException(file.toString(), null, "exists (use -f to overwrite)");
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(file.toString(), null,
                        "exists and is not a regular file (a symlink or directory is never overwritten)");
            }
            replace(file, body);
            return;
        }
        create(file, body);
    }

    /** O_CREAT|O_EXCL with the process's umask; on failure the file this made is removed again. */
    private static void create(Path file, Body body) throws IOException {
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        boolean written = false;
        try (out) {
            body.write(out);
            written = true;
        } finally {
            if (!written) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Not Files.createTempFile: that makes the file 0600, and the result should look like a new file. */
    private static void replace(Path file, Body body) throws IOException {
        Path temp = file.resolveSibling(".flar-split-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        create(temp, body);
        try {
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
