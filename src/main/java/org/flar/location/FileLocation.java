package org.flar.location;

import java.io.BufferedInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A local archive file; written under a temporary name beside it and renamed once complete. */
public record FileLocation(Path file) implements Location {

    @Override
    public InputStream read() throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such archive");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not an archive");
        }
        return new BufferedInputStream(Files.newInputStream(file), 1 << 20);
    }

    /**
     * @param sync fsync the archive before it is renamed into place. Off by default, as in tar
     *             and cp: it costs seconds on a large archive, and ext4 and XFS already flush a
     *             file renamed over an older one.
     */
    @Override
    public void write(Body body, boolean sync) throws IOException {
        Path target = file.toAbsolutePath();
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial-" + ProcessHandle.current().pid());
        boolean done = false;
        try {
            try (FileOutputStream out = openPartial(partial)) {
                body.write(out, partial);
                if (sync) {
                    out.getFD().sync();
                }
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(partial);
            }
        }
    }

    /** The temporary file, with an error that names the archive as the user gave it, not the temporary name. */
    private FileOutputStream openPartial(Path partial) throws IOException {
        try {
            return new FileOutputStream(partial.toFile());
        } catch (java.io.FileNotFoundException e) {
            // "PATH (REASON)": keep the reason only.
            String m = String.valueOf(e.getMessage());
            int open = m.lastIndexOf(" (");
            throw new IOException(file + ": " + (open >= 0 && m.endsWith(")") ? m.substring(open + 2, m.length() - 1) : m), e);
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
