package org.flar.fs;

/**
 * What lstat(2) says of one path, with times in nanoseconds since the epoch.
 *
 * @param mode full st_mode: type bits (S_IFMT) and permission bits
 */
public record FileStat(long dev, long ino, int mode, long nlink, int uid, int gid, long rdev,
                       long size, long blocks, long mtimeNanos, long ctimeNanos) {

    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;

    public int fileType() {
        return mode & S_IFMT;
    }

    public int permissions() {
        return mode & 07777;
    }

    public boolean isDirectory() {
        return fileType() == S_IFDIR;
    }

    public boolean isRegular() {
        return fileType() == S_IFREG;
    }

    public boolean isSymlink() {
        return fileType() == S_IFLNK;
    }

    public int rdevMajor() {
        return DeviceNumber.major(rdev);
    }

    public int rdevMinor() {
        return DeviceNumber.minor(rdev);
    }

    /** True when the file occupies fewer blocks than its size needs: it has holes worth looking for. */
    public boolean mayBeSparse() {
        return isRegular() && blocks * 512 < size;
    }
}
