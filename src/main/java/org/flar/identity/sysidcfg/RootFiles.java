package org.flar.identity.sysidcfg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flar.fs.FileStat;
import org.flar.fs.Beneath;
import org.flar.fs.Posix;
import org.flar.fs.TempNames;
import org.flar.fs.UnsafePathException;

/**
 * Reading and writing files of a target root by their path inside it ({@code etc/hostname}),
 * never outside it: the same guard as {@code deploy.TargetRoot} — plain relative names, and every
 * directory on the way a real directory, never a symlink, so a link planted in the target cannot
 * lead a write onto the host. Reads do not follow a final symlink either; {@link #resolveInside}
 * follows links the way the target would see them, with the root as "/".
 *
 * <p>Writes are atomic (a temporary file beside the destination, then rename) and keep the
 * owner, mode and extended attributes (ACLs, SELinux label) of the file they replace.
 */
final class RootFiles implements AutoCloseable {
    private static final int MAX_LINKS = 40;
    private final Beneath beneath;
    private final Path root;

    RootFiles(Path root) throws IOException {
        this.beneath = Beneath.open(root);
        this.root = beneath.root();
    }

    Path root() {
        return root;
    }

    /** Lets go of the root: its descriptor would keep the file system busy (a recovery's unmount). */
    @Override
    public void close() {
        beneath.close();
    }

    /** The file's status without following a final symlink, or empty when it (or a directory on the way) is missing. */
    Optional<FileStat> lstat(String rel) throws IOException {
        Path p = guarded(rel, false);
        try {
            return Optional.of(Posix.lstat(p));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    boolean isDirectory(String rel) throws IOException {
        return lstat(rel).map(FileStat::isDirectory).orElse(false);
    }

    boolean isRegularFile(String rel) throws IOException {
        return lstat(rel).map(FileStat::isRegular).orElse(false);
    }

    /** The symlink's target text, or empty when {@code rel} is not a symlink. */
    Optional<String> readlink(String rel) throws IOException {
        Optional<FileStat> st = lstat(rel);
        if (st.isEmpty() || !st.get().isSymlink()) {
            return Optional.empty();
        }
        return Optional.of(Posix.readlink(root.resolve(rel)));
    }

    /** A regular file's text (UTF-8, bad bytes replaced), or empty when it is missing or not a regular file. */
    Optional<String> readText(String rel) throws IOException {
        return readBytes(rel).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    Optional<byte[]> readBytes(String rel) throws IOException {
        if (!isRegularFile(rel)) {
            return Optional.empty();
        }
        return Optional.of(Files.readAllBytes(root.resolve(rel)));
    }

    /** Names of the entries in a real directory (sorted), or none. */
    List<String> list(String rel) throws IOException {
        if (!isDirectory(rel)) {
            return List.of();
        }
        try (var s = Files.list(root.resolve(rel))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Follows symlinks as the target would (absolute targets start at the root), refusing to
     * climb above it; the path inside the root the chain ends at, or empty when it ends nowhere.
     */
    Optional<String> resolveInside(String rel) throws IOException {
        String current = rel;
        for (int hops = 0; hops <= MAX_LINKS; hops++) {
            String[] parts = current.split("/");
            StringBuilder done = new StringBuilder();
            String next = null;
            for (int i = 0; i < parts.length && next == null; i++) {
                String here = done.isEmpty() ? parts[i] : done + "/" + parts[i];
                FileStat st;
                try {
                    st = Posix.lstat(root.resolve(here));
                } catch (NoSuchFileException e) {
                    return Optional.empty();
                }
                if (st.isSymlink()) {
                    String target = Posix.readlink(root.resolve(here));
                    String base = target.startsWith("/") ? target : (done.isEmpty() ? "" : done + "/") + target;
                    String rest = String.join("/", Arrays.copyOfRange(parts, i + 1, parts.length));
                    next = normalize(rest.isEmpty() ? base : base + "/" + rest);
                    if (next == null) {
                        return Optional.empty();
                    }
                } else {
                    done.setLength(0);
                    done.append(here);
                }
            }
            if (next == null) {
                return Optional.of(current);
            }
            current = next;
        }
        return Optional.empty();
    }

    /** "a/./b/../c" → "a/c"; null when ".." would climb above the root or nothing is left. */
    private static String normalize(String path) {
        ArrayDeque<String> out = new ArrayDeque<>();
        for (String c : path.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (out.isEmpty()) {
                    return null;
                }
                out.removeLast();
            } else {
                out.addLast(c);
            }
        }
        return out.isEmpty() ? null : String.join("/", out);
    }

    /**
     * Checks that {@code rel} can be written without leaving the root: a plain name whose existing
     * directories are all real directories. Called for every file before the first is written.
     */
    void checkWritable(String rel) throws IOException {
        guarded(rel, false);
        Optional<FileStat> st = lstat(rel);
        if (st.isPresent() && st.get().isDirectory()) {
            throw new IOException(root.resolve(rel) + ": is a directory, cannot write a file there");
        }
    }

    /** Replaces (or creates) a regular file; a new file gets root:root and {@code newMode}. */
    void write(String rel, byte[] content, int newMode) throws IOException {
        Path dest = guarded(rel, true);
        Path tmp = temporary(dest);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            keepMetadata(dest, tmp, newMode);
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Replaces (or creates) a symlink, atomically. */
    void symlink(String rel, String target) throws IOException {
        Path dest = guarded(rel, true);
        Path tmp = temporary(dest);
        try {
            Posix.symlink(target, tmp);
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path temporary(Path dest) {
        return TempNames.beside(dest);
    }

    /** Owner, mode and xattrs of the regular file being replaced, or root:root and {@code newMode}. */
    private static void keepMetadata(Path dest, Path tmp, int newMode) throws IOException {
        FileStat old;
        try {
            old = Posix.lstat(dest);
        } catch (NoSuchFileException e) {
            old = null;
        }
        if (old != null && old.isRegular()) {
            for (String name : Posix.listXattrs(dest)) {
                Posix.setXattr(tmp, name, Posix.getXattr(dest, name));
            }
            chown(tmp, old.uid(), old.gid());
            Posix.chmod(tmp, old.permissions());
        } else {
            chown(tmp, 0, 0);
            Posix.chmod(tmp, newMode);
        }
    }

    private static void chown(Path p, int uid, int gid) throws IOException {
        FileStat now = Posix.lstat(p);
        if (now.uid() != uid || now.gid() != gid) {
            Posix.lchown(p, uid, gid);
        }
    }

    /**
     * The location of {@code rel} after checking its name and its directories (the guard of
     * {@link Beneath}); with {@code create}, missing directories are made (0755, root's, as
     * packages ship them).
     */
    private Path guarded(String rel, boolean create) throws IOException {
        try {
            Beneath.checkName(rel);
        } catch (UnsafePathException e) {
            throw new IllegalArgumentException("not a plain path inside the root: " + rel);
        }
        if (rel.equals(".")) {
            throw new IllegalArgumentException("not a relative path inside the root: " + rel);
        }
        int slash = rel.lastIndexOf('/');
        if (create && slash > 0) {
            for (Path made : beneath.makeDirectories(rel.substring(0, slash), 0755)) {
                chown(made, 0, 0);
            }
        }
        return beneath.resolve(rel);
    }
}
