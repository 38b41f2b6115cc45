package org.flar.layout;

/** Linux block device names. */
public final class Devices {
    private Devices() {
    }

    /** Partition {@code n} of {@code disk}: /dev/vda → /dev/vda1, /dev/nvme0n1 or /dev/mmcblk0 → ...p1. */
    public static String partition(String disk, int n) {
        return (Character.isDigit(disk.charAt(disk.length() - 1)) ? disk + "p" : disk) + n;
    }
}
