package org.flar.fs;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory tree that a step writes into (a deployment's target, a root to unconfigure), and
 * the one guard every step uses to stay inside it. The root is resolved once, opened once
 * (a directory, never a symlink) and kept open; a relative path is usable only when its name is
 * plain (no "..", ".", empty or NUL components) and every directory on the way, checked by the
 * kernel from that descriptor with {@code openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
 * RESOLVE_NO_MAGICLINKS)}, is a real directory below the root: a link planted by an archive or
 * already in the target can never lead a write (or a read) outside.
 *
 * <p>The final component is not checked: callers act on it without following it (lstat,
 * rename, unlink, NOFOLLOW opens). Kernels before 5.6 lack openat2; there the same rule is
 * checked with lstat, component by component. What this does not stop is another process
 * swapping a directory for a link between the check and the use; flar's own steps run one
 * after the other, so nothing an archive holds can do that, and {@link #lockExclusively} keeps
 * two flar deployments out of one target.
 */
@SuppressWarnings("restricted") // the only FFM outside Posix: openat2 and flock work on descriptors, Posix on paths
public final class Beneath implements AutoCloseable {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final Cleaner CLEANER = Cleaner.create();

    private static final long SYS_OPENAT2 = 437; // x86_64 and asm-generic alike
    private static final int O_RDONLY = 0;
    private static final int O_DIRECTORY = 0200000;
    private static final int O_NOFOLLOW = 0400000;
    private static final int O_CLOEXEC = 02000000;
    private static final int O_PATH = 010000000;
    private static final long RESOLVE_NO_MAGICLINKS = 0x02;
    private static final long RESOLVE_NO_SYMLINKS = 0x04;
    private static final long RESOLVE_BENEATH = 0x08;
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;
    private static final int ENOENT = 2;
    private static final int EXDEV = 18;
    private static final int ENOTDIR = 20;
    private static final int ENOSYS = 38;
    private static final int ELOOP = 40;
    private static final int EWOULDBLOCK = 11;

    private static final MethodHandle SYSCALL = LINKER.downcallHandle(LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG),
            Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(1));
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.captureCallState("errno"));
    private static final MethodHandle FLOCK = LINKER.downcallHandle(LINKER.defaultLookup().find("flock").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.captureCallState("errno"));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static volatile boolean noOpenat2;
    private static volatile boolean walkOnly;

    private final Path root;
    private final int fd;
    private final Cleaner.Cleanable closer;

    private Beneath(Path root, int fd) {
        this.root = root;
        this.fd = fd;
        // Steps that forget to close still give the descriptor back.
        this.closer = CLEANER.register(this, () -> close(fd));
    }

    /**
     * Opens {@code root}, which must exist and be a directory; a symlink given here is the
     * caller's choice and is resolved now, once. Creates nothing.
     */
    public static Beneath open(Path root) throws IOException {
        Path real = root.toRealPath();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(real.toString()), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (fd < 0) {
                int errno = Posix.errno(state);
                if (errno == ENOTDIR || errno == ELOOP) {
                    throw new UnsafePathException(root + ": not a directory");
                }
                throw PosixException.of(errno, Posix.strerror(errno), "open", real.toString(), null);
            }
            return new Beneath(real, fd);
        } catch (Throwable t) {
            throw Posix.rethrow(t);
        }
    }

    /** Opens {@code root}, making it (and its parents) first when it is missing. */
    public static Beneath openCreating(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(root);
        }
        return open(root);
    }

    /** Tests: check as on a kernel without openat2. */
    static void walkOnly(boolean walk) {
        walkOnly = walk;
    }

    /** The root's real path, as resolved when it was opened. */
    public Path root() {
        return root;
    }

    /**
     * Takes an exclusive lock on the root for as long as this is open, so two deployments
     * cannot write one tree at once (and a temporary file found there is a leftover).
     */
    public void lockExclusively() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int r = (int) FLOCK.invokeExact(state, fd, LOCK_EX | LOCK_NB);
            if (r != 0) {
                int errno = Posix.errno(state);
                if (errno == EWOULDBLOCK) {
                    throw new IOException(root + ": another flar deployment is writing it (locked)");
                }
                throw PosixException.of(errno, Posix.strerror(errno), "flock", root.toString(), null);
            }
        } catch (Throwable t) {
            throw Posix.rethrow(t);
        }
    }

    /** Throws {@link UnsafePathException} unless {@code rel} is "." or a plain relative name. */
    public static void checkName(String rel) throws UnsafePathException {
        if (rel.equals(".")) {
            return;
        }
        if (rel.isEmpty() || rel.startsWith("/") || rel.indexOf('\0') >= 0) {
            throw new UnsafePathException("'" + rel + "': an absolute or empty name");
        }
        for (int start = 0; start <= rel.length(); ) {
            int slash = rel.indexOf('/', start);
            int end = slash < 0 ? rel.length() : slash;
            String c = rel.substring(start, end);
            if (c.isEmpty() || c.equals(".") || c.equals("..")) {
                throw new UnsafePathException("'" + rel + "': a name with an empty, '.' or '..' component");
            }
            start = end + 1;
        }
    }

    /**
     * Where {@code rel} is, after checking its name and that every directory on the way is a real
     * directory below the root. A missing directory on the way is no error: using the path then
     * fails with {@link NoSuchFileException}, as it should.
     */
    public Path resolve(String rel) throws IOException {
        if (rel.equals(".")) {
            return root;
        }
        checkName(rel);
        int slash = rel.lastIndexOf('/');
        if (slash > 0) {
            checkDirectory(rel.substring(0, slash), true);
        }
        return root.resolve(rel);
    }

    /**
     * Makes the directories of {@code dir} that are missing, parents first, each with
     * {@code mode} (then exact, whatever the umask); an existing one must be a real directory.
     * Returns the paths made, so the caller can give them an owner.
     */
    public List<Path> makeDirectories(String dir, int mode) throws IOException {
        checkName(dir);
        List<Path> made = new ArrayList<>();
        if (dir.equals(".")) {
            return made;
        }
        Path p = root;
        for (String c : dir.split("/")) {
            p = p.resolve(c);
            FileStat st = lstatOrNull(p);
            if (st == null) {
                Files.createDirectory(p);
                Posix.chmod(p, mode);
                made.add(p);
            } else if (!st.isDirectory()) {
                throw onTheWay(root.relativize(p).toString());
            }
        }
        return made;
    }

    /** Whether {@code rel} is a real directory reached through real directories only ("." is). */
    public boolean isDirectory(String rel) throws IOException {
        if (rel.equals(".")) {
            return true;
        }
        checkName(rel);
        return checkDirectory(rel, false);
    }

    /**
     * Checks that {@code dir} is a real directory below the root. Returns false when it (or a
     * directory on the way) is missing; a symlink or other file on the way throws when
     * {@code strict}, else returns false.
     */
    private boolean checkDirectory(String dir, boolean strict) throws IOException {
        if (!noOpenat2 && !walkOnly) {
            int errno = openat2(dir);
            switch (errno) {
                case 0:
                    return true;
                case ENOENT:
                    return false;
                case ELOOP, EXDEV, ENOTDIR:
                    if (strict) {
                        throw onTheWay(dir);
                    }
                    return false;
                case ENOSYS:
                    noOpenat2 = true;
                    break;
                default:
                    throw PosixException.of(errno, Posix.strerror(errno), "openat2", root.resolve(dir).toString(), null);
            }
        }
        return walk(dir, strict);
    }

    /** The check without openat2: lstat, component by component, from the root. */
    private boolean walk(String dir, boolean strict) throws IOException {
        Path p = root;
        for (String c : dir.split("/")) {
            p = p.resolve(c);
            FileStat st = lstatOrNull(p);
            if (st == null) {
                return false;
            }
            if (!st.isDirectory()) {
                if (strict) {
                    throw onTheWay(dir);
                }
                return false;
            }
        }
        return true;
    }

    /** Why a path cannot be used; names the deepest culprit precisely only when cheap, so the message names the directory asked for. */
    private UnsafePathException onTheWay(String dir) {
        return new UnsafePathException(root.resolve(dir) + ": a symlink or a file where a directory of " + root
                + " must be (nothing is written through it)");
    }

    /** 0 when the directory opened beneath the root without crossing a symlink, else the errno. */
    private int openat2(String dir) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment how = arena.allocate(24, 8);
            how.set(JAVA_LONG, 0, O_PATH | O_DIRECTORY | O_CLOEXEC);
            how.set(JAVA_LONG, 8, 0);
            how.set(JAVA_LONG, 16, RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
            long r = (long) SYSCALL.invokeExact(state, SYS_OPENAT2, fd, arena.allocateFrom(dir), how, 24L);
            if (r < 0) {
                return Posix.errno(state);
            }
            close((int) r);
            return 0;
        } catch (Throwable t) {
            throw Posix.rethrow(t);
        }
    }

    private static FileStat lstatOrNull(Path p) throws IOException {
        try {
            return Posix.lstat(p);
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    @Override
    public void close() {
        closer.clean();
    }

    private static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
