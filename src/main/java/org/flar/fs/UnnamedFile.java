package org.flar.fs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A regular file made without a name (O_TMPFILE) in a directory, written and given its metadata
 * through its descriptor, then linked in under its name: until then a killed process leaves no
 * trace in the directory, and every call after the open skips the path lookup. Closing without
 * {@link #linkAs} throws the file away.
 */
public final class UnnamedFile implements AutoCloseable {
    private final int fd;
    /** The name it is meant to get, for messages. */
    private final Path name;
    private boolean closed;

    private UnnamedFile(int fd, Path name) {
        this.fd = fd;
        this.name = name;
    }

    /**
     * A new unnamed file beside {@code dest}, or a {@link PosixException} whose
     * {@link #unsupported} says the file system cannot make one.
     */
    public static UnnamedFile beside(Path dest, int permissions) throws IOException {
        return new UnnamedFile(Posix.openUnnamed(dest.getParent(), permissions), dest);
    }

    /** Whether {@code e}, from {@link #beside}, means "not on this file system" (so: use a temporary name). */
    public static boolean unsupported(IOException e) {
        return e instanceof PosixException p && (p.errno() == PosixException.EOPNOTSUPP
                || p.errno() == PosixException.EISDIR || p.errno() == PosixException.EINVAL);
    }

    public void write(byte[] b, int off, int len, long position) throws IOException {
        Posix.pwrite(fd, b, off, len, position, name);
    }

    public void setLength(long size) throws IOException {
        Posix.ftruncate(fd, size, name);
    }

    public void chown(int uid, int gid) throws IOException {
        Posix.fchown(fd, uid, gid, name);
    }

    public void setXattr(String xattr, byte[] value) throws IOException {
        Posix.setXattr(fd, xattr, value, name);
    }

    public void chmod(int permissions) throws IOException {
        Posix.fchmod(fd, permissions, name);
    }

    public void setTimes(long atimeNanos, long mtimeNanos) throws IOException {
        Posix.setTimes(fd, atimeNanos, mtimeNanos, name);
    }

    /** Links the file in as {@code dest}, which must not exist (linkat replaces nothing). */
    public void linkAs(Path dest) throws IOException {
        Posix.linkUnnamed(fd, dest);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            Posix.close(fd, name);
        }
    }
}
