package org.flar.layout;

import java.util.List;
import java.util.UUID;
import org.flar.layout.Layout.BootLoader;
import org.flar.layout.Layout.Disk;
import org.flar.layout.Layout.FileSystem;
import org.flar.layout.Layout.Partition;
import org.flar.layout.Layout.PartitionTable;

/**
 * flar's layout for an archive that recorded none: GPT with a BIOS boot partition (1 MiB), an
 * EFI system partition (256 MiB, FAT32) and one ext4 root for everything, booting on both
 * firmwares with the rescue system's GRUB. The machine's own fstab is replaced (kept aside).
 */
public final class DefaultLayout {
    /** Below this the default layout does not fit a Debian system anyway. */
    public static final long MIN_DISK = 1L << 30;

    private DefaultLayout() {
    }

    public static Layout on(PresentDisk disk) throws LayoutException {
        if (disk.size() < MIN_DISK) {
            throw new LayoutException(disk.device() + " has " + Sizes.human(disk.size()) + "; flar's default layout needs at least 1 GiB");
        }
        String d = disk.device();
        PartitionTable table = new PartitionTable("gpt", null, List.of(
                new Partition(1, Sizes.MIB, Sizes.MIB, "21686148-6449-6E6F-744E-656564454649", null, "bios-boot", null, false),
                new Partition(2, 2 * Sizes.MIB, 256 * Sizes.MIB, "C12A7328-F81F-11D2-BA4B-00A0C93EC93B", null, "efi", null, false),
                new Partition(3, 258 * Sizes.MIB, null, "0FC63DAF-8483-4772-8E79-3D69D8477DE4", null, "root", null, false)));
        Disk only = new Disk(d, disk.size(), disk.sectorSize(), List.of(), null, null, null, table);
        String esp = UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        List<FileSystem> fs = List.of(
                new FileSystem(Devices.partition(d, 3), "ext4", UUID.randomUUID().toString(), "root", "/", "errors=remount-ro",
                        null, null, null, null, List.of()),
                new FileSystem(Devices.partition(d, 2), "vfat", esp.substring(0, 4) + "-" + esp.substring(4), "EFI",
                        "/boot/efi", "umask=0077", null, null, null, null, List.of("fat32")));
        return new Layout(Layout.VERSION, null, new BootLoader("rescue-grub", List.of("i386-pc", "x86_64-efi"), List.of(d),
                "/boot/efi", null), null, List.of(only), List.of(), List.of(), List.of(), fs, List.of());
    }
}
