package org.flar.fs;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flar.entry.SparseMap;

/**
 * The few system calls NIO lacks, through java.lang.foreign: the only class in flar that uses FFM.
 * Every call acts on the path itself, never following a final symlink (except {@link #chmod},
 * which Linux cannot apply to a symlink). Failures throw IOException with the call, the path and
 * strerror(errno) in the message: {@link java.nio.file.NoSuchFileException} for ENOENT,
 * {@link java.nio.file.FileAlreadyExistsException} for EEXIST, else {@link PosixException}.
 *
 * <p>Paths go to the kernel as the UTF-8 bytes of {@code path.toString()}, which is exact because
 * the launcher runs the JVM in a UTF-8 locale. Assumes 64-bit Linux with glibc.
 */
@SuppressWarnings("restricted") // binding libc is this class' purpose; the launcher enables native access
public final class Posix {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    // statx, unlike fstatat, would trigger an automounter on the last component: lstat semantics need this.
    private static final int AT_NO_AUTOMOUNT = 0x800;
    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int STATX_BTIME = 0x800;
    private static final int O_RDONLY = 0;
    // Opening a FIFO that replaced the file since the walk must not hang the capture.
    private static final int O_NONBLOCK = 04000;
    private static final int O_CLOEXEC = 02000000;
    private static final int O_NOFOLLOW = switch (System.getProperty("os.arch")) {
        case "aarch64", "arm", "ppc64", "ppc64le" -> 0100000;
        default -> 0400000; // asm-generic: x86_64, riscv64, s390x
    };
    private static final int O_WRONLY = 01;
    private static final int O_DIRECTORY = switch (System.getProperty("os.arch")) {
        case "aarch64", "arm", "ppc64", "ppc64le" -> 040000;
        default -> 0200000;
    };
    private static final int O_TMPFILE = 020000000 | O_DIRECTORY;
    private static final int AT_SYMLINK_FOLLOW = 0x400;
    private static final int AT_EMPTY_PATH = 0x1000;
    /** Bytes a writer thread copies into native memory per pwrite of an unnamed file. */
    private static final int WRITE_CHUNK = 1 << 20;
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int FALLOC_FL_INSERT_RANGE = 0x20;

    // The kernel refuses xattr names and values above 64 KiB; more than this is a broken answer.
    private static final long XATTR_MAX = 1 << 20;
    private static final long FIRST_LIST_BUFFER = 1024;
    private static final long FIRST_VALUE_BUFFER = 512;
    private static final int SIZE_RACE_ATTEMPTS = 8;

    // struct statx: the same layout on every architecture, which is why it is used instead of lstat.
    private static final long STATX_SIZE = 256;
    private static final long STX_MASK = 0;
    private static final long STX_NLINK = 16;
    private static final long STX_UID = 20;
    private static final long STX_GID = 24;
    private static final long STX_MODE = 28;
    private static final long STX_INO = 32;
    private static final long STX_SIZE = 40;
    private static final long STX_BLOCKS = 48;
    private static final long STX_BTIME = 80;
    private static final long STX_CTIME = 96;
    private static final long STX_MTIME = 112;
    private static final long STX_RDEV_MAJOR = 128;
    private static final long STX_DEV_MAJOR = 136;

    /*
     * Downcall handles, grouped by who needs them and made on first use of their group: linking
     * costs ~10 ms per handle of a new shape on a cold JVM (more for the first), on the critical
     * path of every command, and a capture needs only the reading calls (bench/diff).
     */

    /** What a walk calls for every entry. */
    private static final class Reading {
        static final MethodHandle STATX = withErrno("statx",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle LLISTXATTR = withErrno("llistxattr",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG));
        static final MethodHandle LGETXATTR = withErrno("lgetxattr",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
        static final MethodHandle READLINK = withErrno("readlink",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG));
    }

    /** Sparse files' data segments. */
    private static final class Segments {
        static final MethodHandle OPEN = withErrno("open",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
        static final MethodHandle LSEEK = withErrno("lseek",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
        static final MethodHandle CLOSE = plain("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    /** Making room at the front of a file without moving its data (capture writes its payload first). */
    private static final class Ranges {
        static final MethodHandle FALLOCATE = withErrno("fallocate",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
    }

    /** What writing a tree (deployment, identity changes) calls. */
    private static final class Writing {
        static final MethodHandle LSETXATTR = withErrno("lsetxattr",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
        static final MethodHandle LREMOVEXATTR = withErrno("lremovexattr",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle MKNOD = optionalWithErrno("mknod",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG));
        // glibc before 2.33 (RHEL 8) exports mknod only as __xmknod(version, path, mode, &dev).
        static final MethodHandle XMKNOD = MKNOD != null ? null : optionalWithErrno("__xmknod",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        static final MethodHandle MKFIFO = withErrno("mkfifo",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle LCHOWN = withErrno("lchown",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        static final MethodHandle CHMOD = withErrno("chmod",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle UTIMENSAT = withErrno("utimensat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        static final MethodHandle SYMLINK = withErrno("symlink",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }

    /** An unnamed (O_TMPFILE) file: written, given its metadata and linked in through its descriptor. */
    private static final class Unnamed {
        static final MethodHandle PWRITE = withErrno("pwrite",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
        static final MethodHandle FTRUNCATE = withErrno("ftruncate",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
        static final MethodHandle FCHOWN = withErrno("fchown",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        static final MethodHandle FCHMOD = withErrno("fchmod",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        static final MethodHandle FUTIMENS = withErrno("futimens",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle FSETXATTR = withErrno("fsetxattr",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
        static final MethodHandle LINKAT = withErrno("linkat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle CLOSE = withErrno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        /** Asked once: a geteuid per linked file was one system call in nine of a deployment (strace -c). */
        static final boolean ROOT = isRoot();
    }

    private static final class Process {
        static final MethodHandle GETEUID = plain("geteuid", FunctionDescriptor.of(JAVA_INT));
        static final MethodHandle ISATTY = plain("isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private static final class Errors {
        // strerrordesc_np (glibc 2.32+) is thread-safe and never translated; strerror is the fallback.
        static final MethodHandle STRERROR = LIBC.find("strerrordesc_np").or(() -> LIBC.find("strerror"))
                .map(a -> LINKER.downcallHandle(a, FunctionDescriptor.of(ADDRESS, JAVA_INT))).orElseThrow();
    }

    /**
     * Native buffers for the calls a walk makes per entry (statx, llistxattr), one set per thread:
     * a confined arena per call cost three allocations and a session, about a third of an lstat
     * (4.5 µs against 3 µs per call, measured over a 34,000-entry tree). Nothing else runs on the
     * thread between filling a buffer and reading it, so reuse is safe.
     */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);
        private final Arena arena = Arena.ofAuto();
        final MemorySegment state = arena.allocate(CAPTURE);
        final MemorySegment statx = arena.allocate(STATX_SIZE, 8);
        final MemorySegment list = arena.allocate(FIRST_LIST_BUFFER);
        private MemorySegment path = arena.allocate(256);
        private MemorySegment write;

        /** This thread's buffer for {@link #pwrite}, made on first use (only writer threads need it). */
        MemorySegment write() {
            if (write == null) {
                write = arena.allocate(WRITE_CHUNK, 8);
            }
            return write;
        }

        static Scratch get() {
            return OF_THREAD.get();
        }

        /** {@code p} as a C string in this thread's buffer, valid until the next call. */
        MemorySegment path(Path p) {
            if (p.getFileSystem() != FileSystems.getDefault()) {
                throw new ProviderMismatchException("not a file of the default file system: " + p);
            }
            byte[] bytes = p.toString().getBytes(StandardCharsets.UTF_8);
            if (bytes.length >= path.byteSize()) {
                path = arena.allocate(Math.max(bytes.length + 1L, 2 * path.byteSize()));
            }
            MemorySegment.copy(bytes, 0, path, JAVA_BYTE, 0, bytes.length);
            path.set(JAVA_BYTE, bytes.length, (byte) 0);
            return path;
        }
    }

    private Posix() {
    }

    public static FileStat lstat(Path path) throws IOException {
        try {
            Scratch s = Scratch.get();
            int r = (int) Reading.STATX.invokeExact(s.state, AT_FDCWD, s.path(path),
                    AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT, STATX_BASIC_STATS, s.statx);
            if (r != 0) {
                throw failure(s.state, "lstat", path, null);
            }
            return fileStat(s.statx, path);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The birth time (statx btime) of {@code path} itself in nanoseconds, or {@link Long#MIN_VALUE}
     * where the file system does not record one (ext2/3, NFS, tmpfs before Linux 5.x, ...).
     */
    public static long birthTime(Path path) throws IOException {
        try {
            Scratch s = Scratch.get();
            int r = (int) Reading.STATX.invokeExact(s.state, AT_FDCWD, s.path(path),
                    AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT, STATX_BTIME, s.statx);
            if (r != 0) {
                throw failure(s.state, "statx", path, null);
            }
            if ((s.statx.get(JAVA_INT, STX_MASK) & STATX_BTIME) == 0) {
                return Long.MIN_VALUE;
            }
            return nanos(s.statx, STX_BTIME);
        } catch (ArithmeticException outOfRange) {
            return Long.MIN_VALUE;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static FileStat fileStat(MemorySegment b, Path path) throws IOException {
        try {
            return new FileStat(
                    makedev(b.get(JAVA_INT, STX_DEV_MAJOR), b.get(JAVA_INT, STX_DEV_MAJOR + 4)),
                    b.get(JAVA_LONG, STX_INO),
                    Short.toUnsignedInt(b.get(JAVA_SHORT, STX_MODE)),
                    Integer.toUnsignedLong(b.get(JAVA_INT, STX_NLINK)),
                    b.get(JAVA_INT, STX_UID),
                    b.get(JAVA_INT, STX_GID),
                    makedev(b.get(JAVA_INT, STX_RDEV_MAJOR), b.get(JAVA_INT, STX_RDEV_MAJOR + 4)),
                    b.get(JAVA_LONG, STX_SIZE),
                    b.get(JAVA_LONG, STX_BLOCKS),
                    nanos(b, STX_MTIME),
                    nanos(b, STX_CTIME));
        } catch (ArithmeticException e) {
            // A long of nanoseconds covers 1677..2262; ext4 can store times up to 2446.
            throw new IOException("lstat " + path + ": time outside the years 1677 to 2262", e);
        }
    }

    /** struct statx_timestamp: s64 seconds, u32 nanoseconds. */
    private static long nanos(MemorySegment b, long offset) {
        long seconds = b.get(JAVA_LONG, offset);
        long nanos = Integer.toUnsignedLong(b.get(JAVA_INT, offset + 8));
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
    }

    /** glibc's gnu_dev_makedev, the inverse of {@link FileStat#rdevMajor()} and {@link FileStat#rdevMinor()}. */
    static long makedev(int major, int minor) {
        long ma = Integer.toUnsignedLong(major);
        long mi = Integer.toUnsignedLong(minor);
        return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
    }

    /** llistxattr: every attribute name, all namespaces, in the order the kernel gives. */
    public static List<String> listXattrs(Path path) throws IOException {
        try {
            Scratch s = Scratch.get();
            long n = (long) Reading.LLISTXATTR.invokeExact(s.state, s.path(path), s.list, FIRST_LIST_BUFFER);
            // One call into this thread's buffer answers most files; a longer list or an error
            // takes the general way, which sizes the buffer or reports the error.
            return n >= 0 && n <= FIRST_LIST_BUFFER ? names(s.list.asSlice(0, n), path) : listSized(path);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static List<String> listSized(Path path) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = cPath(arena, path);
            MemorySegment list = readSized(arena, "llistxattr", path, null, FIRST_LIST_BUFFER,
                    (state, buf, size) -> (long) Reading.LLISTXATTR.invokeExact(state, p, buf, size));
            return names(list, path);
        }
    }

    private static List<String> names(MemorySegment list, Path path) throws IOException {
        List<String> names = new ArrayList<>();
        byte[] bytes = list.toArray(JAVA_BYTE);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                if (i > start) {
                    try {
                        names.add(utf8.decode(ByteBuffer.wrap(bytes, start, i - start)).toString());
                    } catch (CharacterCodingException e) {
                        // Decoding with replacement would yield a name that lgetxattr cannot find.
                        throw new IOException("llistxattr " + path + ": an attribute name is not UTF-8", e);
                    }
                }
                start = i + 1;
            }
        }
        return names;
    }

    /** lgetxattr: the raw value bytes. A missing attribute is a PosixException with errno ENODATA. */
    public static byte[] getXattr(Path path, String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = cPath(arena, path);
            MemorySegment n = cName(arena, name);
            return readSized(arena, "lgetxattr", path, name, FIRST_VALUE_BUFFER,
                    (state, buf, size) -> (long) Reading.LGETXATTR.invokeExact(state, p, n, buf, size))
                    .toArray(JAVA_BYTE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @FunctionalInterface
    private interface SizedCall {
        long call(MemorySegment state, MemorySegment buf, long size) throws Throwable;
    }

    /**
     * Runs a "fill this buffer or tell me the size" call. The common small answer takes one call;
     * on ERANGE (the value grew, or the first guess was small) it asks for the size and retries,
     * a bounded number of times because another process may keep changing the attribute.
     */
    private static MemorySegment readSized(Arena arena, String call, Path path, String detail, long firstSize,
                                           SizedCall c) throws Throwable {
        MemorySegment state = arena.allocate(CAPTURE);
        long capacity = firstSize;
        for (int attempt = 0; attempt < SIZE_RACE_ATTEMPTS; attempt++) {
            MemorySegment buf = arena.allocate(capacity);
            long n = c.call(state, buf, capacity);
            if (n >= 0) {
                if (n > capacity) {
                    throw new IOException(call + " " + path + ": returned " + n + " bytes into " + capacity);
                }
                return buf.asSlice(0, n);
            }
            if (errno(state) != PosixException.ERANGE) {
                throw failure(state, call, path, detail);
            }
            long needed = c.call(state, MemorySegment.NULL, 0);
            if (needed < 0) {
                throw failure(state, call, path, detail);
            }
            if (needed > XATTR_MAX) {
                throw new IOException(call + " " + path + (detail == null ? "" : " " + detail)
                        + ": implausible size " + needed);
            }
            capacity = Math.max(needed, 1);
        }
        throw new IOException(call + " " + path + (detail == null ? "" : " " + detail)
                + ": the size kept changing while reading");
    }

    /** lsetxattr with flags 0 (create or replace). */
    public static void setXattr(Path path, String name, byte[] value) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment v = value.length == 0 ? MemorySegment.NULL
                    : arena.allocateFrom(JAVA_BYTE, value);
            int r = (int) Writing.LSETXATTR.invokeExact(state, cPath(arena, path), cName(arena, name), v,
                    (long) value.length, 0);
            if (r != 0) {
                throw failure(state, "lsetxattr", path, name);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void removeXattr(Path path, String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int r = (int) Writing.LREMOVEXATTR.invokeExact(state, cPath(arena, path), cName(arena, name));
            if (r != 0) {
                throw failure(state, "lremovexattr", path, name);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * mknod for character and block devices; {@code mode} includes S_IFCHR or S_IFBLK. The umask
     * applies, as with mknod(2): call {@link #chmod} afterwards for exact permissions.
     */
    public static void mknod(Path path, int mode, int major, int minor) throws IOException {
        int type = mode & FileStat.S_IFMT;
        if (type != FileStat.S_IFCHR && type != FileStat.S_IFBLK || (mode & ~(FileStat.S_IFMT | 07777)) != 0) {
            throw new IllegalArgumentException("mknod mode must be a char or block device: " + Integer.toOctalString(mode));
        }
        if (major < 0 || major > 0xfff || minor < 0 || minor > 0xfffff) {
            throw new IllegalArgumentException("device number out of Linux' range: " + major + "," + minor);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long dev = makedev(major, minor);
            int r;
            if (Writing.MKNOD != null) {
                r = (int) Writing.MKNOD.invokeExact(state, cPath(arena, path), mode, dev);
            } else if (Writing.XMKNOD != null) {
                r = (int) Writing.XMKNOD.invokeExact(state, 0, cPath(arena, path), mode, arena.allocateFrom(JAVA_LONG, dev));
            } else {
                throw new IOException("mknod " + path + ": this C library has no mknod");
            }
            if (r != 0) {
                throw failure(state, "mknod", path, null);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** mkfifo; the umask applies, as with mkfifo(3). */
    public static void mkfifo(Path path, int permissions) throws IOException {
        checkPermissions(permissions);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int r = (int) Writing.MKFIFO.invokeExact(state, cPath(arena, path), permissions);
            if (r != 0) {
                throw failure(state, "mkfifo", path, null);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** lchown; -1 leaves the uid or gid as it is. */
    public static void lchown(Path path, int uid, int gid) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int r = (int) Writing.LCHOWN.invokeExact(state, cPath(arena, path), uid, gid);
            if (r != 0) {
                throw failure(state, "lchown", path, null);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * chmod on a non-symlink (Linux cannot chmod a symlink); keeps setuid/setgid/sticky bits.
     * It follows a symlink, so callers must not pass one: fchmodat's no-follow mode needs /proc,
     * which a freshly deployed root lacks.
     */
    public static void chmod(Path path, int permissions) throws IOException {
        checkPermissions(permissions);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int r = (int) Writing.CHMOD.invokeExact(state, cPath(arena, path), permissions);
            if (r != 0) {
                throw failure(state, "chmod", path, null);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** utimensat(AT_FDCWD, path, {atime, mtime}, AT_SYMLINK_NOFOLLOW), nanosecond precision. */
    public static void setTimes(Path path, long atimeNanos, long mtimeNanos) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment times = arena.allocate(32, 8);
            times.set(JAVA_LONG, 0, Math.floorDiv(atimeNanos, 1_000_000_000L));
            times.set(JAVA_LONG, 8, Math.floorMod(atimeNanos, 1_000_000_000L));
            times.set(JAVA_LONG, 16, Math.floorDiv(mtimeNanos, 1_000_000_000L));
            times.set(JAVA_LONG, 24, Math.floorMod(mtimeNanos, 1_000_000_000L));
            int r = (int) Writing.UTIMENSAT.invokeExact(state, AT_FDCWD, cPath(arena, path), times, AT_SYMLINK_NOFOLLOW);
            if (r != 0) {
                throw failure(state, "utimensat", path, null);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The data segments of a regular file found with lseek SEEK_DATA/SEEK_HOLE, up to {@code size}
     * (the size lstat reported, so a file growing meanwhile cannot push a segment past it). A file
     * without holes gives one segment [0, size), a file of holes only gives none.
     */
    public static SparseMap dataSegments(Path path, long size) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) Segments.OPEN.invokeExact(state, cPath(arena, path), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0);
            if (fd < 0) {
                throw failure(state, "open", path, null);
            }
            try {
                return new SparseMap(segments(fd, size, state, path), size);
            } finally {
                int ignored = (int) Segments.CLOSE.invokeExact(fd); // read-only: nothing can be lost on close
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Shifts the bytes of {@code file} from {@code offset} on by {@code length} bytes, leaving a
     * hole of that size at {@code offset}: {@code fallocate(FALLOC_FL_INSERT_RANGE)}, a change of
     * extents only (ext4, XFS). Both must be multiples of the file system's block size and
     * {@code offset} below the file's size; elsewhere a {@link PosixException} with EOPNOTSUPP or EINVAL.
     */
    public static void insertRange(Path file, long offset, long length) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) Segments.OPEN.invokeExact(state, cPath(arena, file), O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0);
            if (fd < 0) {
                throw failure(state, "open", file, null);
            }
            try {
                if ((int) Ranges.FALLOCATE.invokeExact(state, fd, FALLOC_FL_INSERT_RANGE, offset, length) != 0) {
                    throw failure(state, "fallocate INSERT_RANGE", file, null);
                }
            } finally {
                // No data went through this descriptor: its close has nothing to report.
                int ignored = (int) Segments.CLOSE.invokeExact(fd);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static List<SparseMap.Segment> segments(int fd, long size, MemorySegment state, Path path) throws Throwable {
        List<SparseMap.Segment> segments = new ArrayList<>();
        long position = 0;
        while (position < size) {
            long data = (long) Segments.LSEEK.invokeExact(state, fd, position, SEEK_DATA);
            if (data < 0) {
                int errno = errno(state);
                if (errno == PosixException.ENXIO) {
                    break; // only a hole from here to the end
                }
                if (errno == PosixException.EINVAL && position == 0) {
                    return List.of(new SparseMap.Segment(0, size)); // no SEEK_DATA here: treat as dense
                }
                throw failure(state, "lseek SEEK_DATA", path, null);
            }
            if (data >= size) {
                break;
            }
            long hole = (long) Segments.LSEEK.invokeExact(state, fd, data, SEEK_HOLE);
            if (hole < 0) {
                if (errno(state) != PosixException.ENXIO) {
                    throw failure(state, "lseek SEEK_HOLE", path, null);
                }
                hole = size; // truncated meanwhile: the reader will see the short file
            }
            if (hole <= data) {
                throw new IOException("lseek " + path + ": hole at " + hole + " not after data at " + data);
            }
            hole = Math.min(hole, size);
            segments.add(new SparseMap.Segment(data, hole - data));
            position = hole;
        }
        return segments;
    }

    /** symlink(2) with the target string exactly as given (NIO's Path would normalise "a//b" and "dir/"). */
    public static void symlink(String target, Path link) throws IOException {
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bad symlink target for " + link);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int r = (int) Writing.SYMLINK.invokeExact(state, arena.allocateFrom(target), cPath(arena, link));
            if (r != 0) {
                throw failure(state, "symlink", link, null);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** readlink(2): the target string exactly as stored (PATH_MAX bounds it). */
    public static String readlink(Path link) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment buf = arena.allocate(4097);
            long n = (long) Reading.READLINK.invokeExact(state, cPath(arena, link), buf, 4096L);
            if (n < 0) {
                throw failure(state, "readlink", link, null);
            }
            byte[] bytes = buf.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * open(dir, O_TMPFILE | O_WRONLY): a new regular file without a name in {@code dir}, mode
     * {@code permissions} less the umask; returns its descriptor. A process killed before
     * {@link #linkUnnamed} leaves nothing behind: the kernel frees the file with its last
     * descriptor. File systems without O_TMPFILE refuse with EOPNOTSUPP (older kernels: EISDIR
     * or EINVAL), as a {@link PosixException}.
     */
    public static int openUnnamed(Path dir, int permissions) throws IOException {
        checkPermissions(permissions);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) Segments.OPEN.invokeExact(state, cPath(arena, dir), O_TMPFILE | O_WRONLY | O_CLOEXEC, permissions);
            if (fd < 0) {
                throw failure(state, "open O_TMPFILE", dir, null);
            }
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** pwrite of all of {@code b[off, off + len)} at {@code position}; {@code what} names the file in messages. */
    public static void pwrite(int fd, byte[] b, int off, int len, long position, Path what) throws IOException {
        try {
            Scratch s = Scratch.get();
            MemorySegment buf = s.write();
            while (len > 0) {
                int chunk = Math.min(len, WRITE_CHUNK);
                MemorySegment.copy(b, off, buf, JAVA_BYTE, 0, chunk);
                long done = 0;
                while (done < chunk) {
                    long n = (long) Unnamed.PWRITE.invokeExact(s.state, fd, buf.asSlice(done), chunk - done, position + done);
                    if (n < 0) {
                        throw failure(s.state, "pwrite", what, null);
                    }
                    done += n;
                }
                off += chunk;
                len -= chunk;
                position += chunk;
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** ftruncate: extending leaves the new end a hole. */
    public static void ftruncate(int fd, long size, Path what) throws IOException {
        try {
            Scratch s = Scratch.get();
            if ((int) Unnamed.FTRUNCATE.invokeExact(s.state, fd, size) != 0) {
                throw failure(s.state, "ftruncate", what, null);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** fchown; -1 leaves the uid or gid as it is. */
    public static void fchown(int fd, int uid, int gid, Path what) throws IOException {
        try {
            Scratch s = Scratch.get();
            if ((int) Unnamed.FCHOWN.invokeExact(s.state, fd, uid, gid) != 0) {
                throw failure(s.state, "fchown", what, null);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** fchmod, setuid/setgid/sticky included. */
    public static void fchmod(int fd, int permissions, Path what) throws IOException {
        checkPermissions(permissions);
        try {
            Scratch s = Scratch.get();
            if ((int) Unnamed.FCHMOD.invokeExact(s.state, fd, permissions) != 0) {
                throw failure(s.state, "fchmod", what, null);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** futimens, nanosecond precision. */
    public static void setTimes(int fd, long atimeNanos, long mtimeNanos, Path what) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment times = arena.allocate(32, 8);
            times.set(JAVA_LONG, 0, Math.floorDiv(atimeNanos, 1_000_000_000L));
            times.set(JAVA_LONG, 8, Math.floorMod(atimeNanos, 1_000_000_000L));
            times.set(JAVA_LONG, 16, Math.floorDiv(mtimeNanos, 1_000_000_000L));
            times.set(JAVA_LONG, 24, Math.floorMod(mtimeNanos, 1_000_000_000L));
            if ((int) Unnamed.FUTIMENS.invokeExact(state, fd, times) != 0) {
                throw failure(state, "futimens", what, null);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** fsetxattr with flags 0 (create or replace). */
    public static void setXattr(int fd, String name, byte[] value, Path what) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment v = value.length == 0 ? MemorySegment.NULL : arena.allocateFrom(JAVA_BYTE, value);
            int r = (int) Unnamed.FSETXATTR.invokeExact(state, fd, cName(arena, name), v, (long) value.length, 0);
            if (r != 0) {
                throw failure(state, "fsetxattr", what, name);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Gives the unnamed file {@code fd} the name {@code dest}, which must not exist (EEXIST:
     * linkat, unlike rename, replaces nothing). linkat's AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH,
     * which root usually has; without it (ENOENT) the file is linked through /proc/self/fd.
     */
    public static void linkUnnamed(int fd, Path dest) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment to = cPath(arena, dest);
            if (Unnamed.ROOT) {
                int r = (int) Unnamed.LINKAT.invokeExact(state, fd, arena.allocateFrom(""), AT_FDCWD, to, AT_EMPTY_PATH);
                if (r == 0) {
                    return;
                }
                if (errno(state) != PosixException.ENOENT) {
                    throw failure(state, "linkat", dest, null);
                }
            }
            int r = (int) Unnamed.LINKAT.invokeExact(state, AT_FDCWD, arena.allocateFrom("/proc/self/fd/" + fd), AT_FDCWD, to,
                    AT_SYMLINK_FOLLOW);
            if (r != 0) {
                throw failure(state, "linkat", dest, "(through /proc/self/fd)");
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** close, with its error: on a written file a late write error can show only here. */
    public static void close(int fd, Path what) throws IOException {
        try {
            Scratch s = Scratch.get();
            if ((int) Unnamed.CLOSE.invokeExact(s.state, fd) != 0) {
                throw failure(s.state, "close", what, null);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static boolean isRoot() {
        try {
            return (int) Process.GETEUID.invokeExact() == 0;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Whether file descriptor {@code fd} (0, 1, 2: standard input, output, error) is a terminal. */
    public static boolean isatty(int fd) {
        try {
            return (int) Process.ISATTY.invokeExact(fd) == 1;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static void checkPermissions(int permissions) {
        if ((permissions & ~07777) != 0) {
            throw new IllegalArgumentException("not permission bits: " + Integer.toOctalString(permissions));
        }
    }

    private static MemorySegment cPath(Arena arena, Path path) {
        if (path.getFileSystem() != FileSystems.getDefault()) {
            throw new ProviderMismatchException("not a file of the default file system: " + path);
        }
        return arena.allocateFrom(path.toString());
    }

    private static MemorySegment cName(Arena arena, String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bad xattr name '" + name + "'");
        }
        return arena.allocateFrom(name);
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static IOException failure(MemorySegment state, String call, Path path, String detail) {
        int errno = errno(state);
        return PosixException.of(errno, strerror(errno), call, path.toString(), detail);
    }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) Errors.STRERROR.invokeExact(errno);
            return s.equals(MemorySegment.NULL) ? "errno " + errno : s.reinterpret(Integer.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Downcalls never throw checked exceptions of their own: pass ours on, never wrap errors. */
    static IOException rethrow(Throwable t) {
        return switch (t) {
            case IOException e -> e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new AssertionError(t);
        };
    }

    private static MethodHandle withErrno(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        MethodHandle handle = optionalWithErrno(name, descriptor, extra);
        if (handle == null) {
            throw new UnsatisfiedLinkError("the C library has no " + name);
        }
        return handle;
    }

    private static MethodHandle optionalWithErrno(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(extra, 0, options, 1, extra.length);
        Optional<MemorySegment> symbol = LIBC.find(name);
        return symbol.map(a -> LINKER.downcallHandle(a, descriptor, options)).orElse(null);
    }

    private static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(
                () -> new UnsatisfiedLinkError("the C library has no " + name)), descriptor);
    }
}
