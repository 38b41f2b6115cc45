package org.flar.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.flar.entry.SparseMap;

/**
 * The few system calls NIO lacks, through java.lang.foreign: the only class in flar that uses FFM.
 * Every call acts on the path itself, never following a final symlink. Failures throw
 * IOException with the path and strerror(errno) in the message.
 */
public final class Posix {
    private Posix() {
    }

    public static FileStat lstat(Path path) throws IOException { throw new UnsupportedOperationException(); }

    /** llistxattr: every attribute name, all namespaces, in the order the kernel gives. */
    public static List<String> listXattrs(Path path) throws IOException { throw new UnsupportedOperationException(); }

    /** lgetxattr: the raw value bytes. */
    public static byte[] getXattr(Path path, String name) throws IOException { throw new UnsupportedOperationException(); }

    /** lsetxattr with flags 0 (create or replace). */
    public static void setXattr(Path path, String name, byte[] value) throws IOException { throw new UnsupportedOperationException(); }

    public static void removeXattr(Path path, String name) throws IOException { throw new UnsupportedOperationException(); }

    /** mknod for character and block devices; {@code mode} includes S_IFCHR or S_IFBLK. */
    public static void mknod(Path path, int mode, int major, int minor) throws IOException { throw new UnsupportedOperationException(); }

    public static void mkfifo(Path path, int permissions) throws IOException { throw new UnsupportedOperationException(); }

    public static void lchown(Path path, int uid, int gid) throws IOException { throw new UnsupportedOperationException(); }

    /** chmod on a non-symlink (Linux cannot chmod a symlink); keeps setuid/setgid/sticky bits. */
    public static void chmod(Path path, int permissions) throws IOException { throw new UnsupportedOperationException(); }

    /** utimensat(AT_FDCWD, path, {atime, mtime}, AT_SYMLINK_NOFOLLOW), nanosecond precision. */
    public static void setTimes(Path path, long atimeNanos, long mtimeNanos) throws IOException { throw new UnsupportedOperationException(); }

    /** The data segments of a regular file found with lseek SEEK_DATA/SEEK_HOLE. */
    public static SparseMap dataSegments(Path path, long size) throws IOException { throw new UnsupportedOperationException(); }

    /** symlink(2) with the target string exactly as given (NIO's Path would normalise "a//b" and "dir/"). */
    public static void symlink(String target, Path link) throws IOException { throw new UnsupportedOperationException(); }

    /** readlink(2): the target string exactly as stored. */
    public static String readlink(Path link) throws IOException { throw new UnsupportedOperationException(); }

    public static boolean isRoot() { throw new UnsupportedOperationException(); }
}
