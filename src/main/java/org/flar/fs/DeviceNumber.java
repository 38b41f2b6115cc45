package org.flar.fs;

/** Linux's encoding of dev_t, as glibc's gnu_dev_major/gnu_dev_minor/gnu_dev_makedev. */
public final class DeviceNumber {
    private DeviceNumber() {
    }

    public static int major(long dev) {
        return (int) (((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0xfffL));
    }

    public static int minor(long dev) {
        return (int) (((dev >>> 12) & 0xffffff00L) | (dev & 0xffL));
    }
}
