package org.flar.job;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where archives come from and go to: a file, or "-" for standard input/output. */
public final class ArchiveFiles {
    private ArchiveFiles() {
    }

    public static InputStream open(String name) throws IOException {
        if (name.equals("-")) {
            return new BufferedInputStream(System.in, 1 << 20);
        }
        Path p = Path.of(name);
        if (!Files.exists(p)) {
            throw new NoSuchFileException(name, null, "no such archive");
        }
        if (Files.isDirectory(p)) {
            throw new IOException(name + ": is a directory, not an archive");
        }
        return new BufferedInputStream(Files.newInputStream(p), 1 << 20);
    }

    public static String displayName(String name) {
        return name.equals("-") ? "(standard input)" : name;
    }

    /** Writes an archive file under a temporary name and renames it only once it is complete. */
    public interface Body {
        /** @param file the file being written, null for standard output */
        void write(OutputStream out, Path file) throws IOException;
    }

    public static void create(String name, Body body) throws IOException {
        create(name, false, body);
    }

    /**
     * @param sync fsync the archive before it is renamed into place. Off by default, as in tar
     *             and cp: it costs seconds on a large archive, and ext4 and XFS already flush a
     *             file renamed over an older one.
     */
    public static void create(String name, boolean sync, Body body) throws IOException {
        if (name.equals("-")) {
            // Standard output itself: Console.isTerminal() also wants standard input to be one.
            if (org.flar.fs.Posix.isatty(1)) {
                throw new IllegalArgumentException("refusing to write an archive to a terminal; redirect standard output or name a file");
            }
            OutputStream out = new BufferedOutputStream(new FileOutputStream(java.io.FileDescriptor.out), 1 << 20);
            body.write(out, null);
            out.flush();
            return;
        }
        Path target = Path.of(name).toAbsolutePath();
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial-" + ProcessHandle.current().pid());
        boolean done = false;
        try {
            try (FileOutputStream out = openPartial(partial, name)) {
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
    private static FileOutputStream openPartial(Path partial, String name) throws IOException {
        try {
            return new FileOutputStream(partial.toFile());
        } catch (java.io.FileNotFoundException e) {
            // "PATH (REASON)": keep the reason only.
            String m = String.valueOf(e.getMessage());
            int open = m.lastIndexOf(" (");
            throw new IOException(name + ": " + (open >= 0 && m.endsWith(")") ? m.substring(open + 2, m.length() - 1) : m), e);
        }
    }
}
