package org.flar.layout;

import java.util.List;
import org.flar.layout.Layout.BootLoader;
import org.flar.layout.Layout.Disk;
import org.flar.layout.Layout.FileSystem;
import org.flar.layout.Layout.LogicalVolume;
import org.flar.layout.Layout.Partition;
import org.flar.layout.Layout.PartitionTable;
import org.flar.layout.Layout.PhysicalVolume;
import org.flar.layout.Layout.Swap;
import org.flar.layout.Layout.VolumeGroup;

/** Layouts the unit tests start from. */
final class LayoutFixtures {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;

    /** Machine (a) of the bare-metal tests, as a person writes it: no starts, no UUIDs for the PV, no sector size on the second partition. */
    static final String HAND_WRITTEN_A = """
            {"flar_layout": 1, "firmware": "bios",
             "boot_loader": {"kind": "grub", "targets": ["i386-pc"], "disks": ["/dev/vda"]},
             "disks": [{"device": "/dev/vda", "size": 4294967296, "sector_size": 512,
               "table": {"label": "dos", "id": "0x5eed0a11", "partitions": [
                 {"number": 1, "size": 536870912, "type": "83", "bootable": true},
                 {"number": 2, "type": "8e"}]}}],
             "volume_groups": [{"name": "vg0", "extent_size": 4194304, "pvs": [{"device": "/dev/vda2"}],
               "lvs": [{"name": "root", "size": 2147483648}, {"name": "var", "size": 805306368},
                       {"name": "swap", "size": 268435456}]}],
             "file_systems": [
               {"device": "/dev/vda1", "type": "ext4", "label": "boot", "mountpoint": "/boot",
                "uuid": "0a0a0a0a-1111-4222-8333-444444444444"},
               {"device": "/dev/vg0/root", "type": "ext4", "label": "root", "mountpoint": "/",
                "uuid": "0b0b0b0b-1111-4222-8333-444444444444"},
               {"device": "/dev/vg0/var", "type": "ext4", "label": "var", "mountpoint": "/var",
                "uuid": "0c0c0c0c-1111-4222-8333-444444444444"}],
             "swaps": [{"device": "/dev/vg0/swap", "uuid": "0d0d0d0d-1111-4222-8333-444444444444", "label": "swap"}]}
            """;
    static final String B_RAID_UUID = "1a1a1a1a-2222-4333-8444-555555555555";
    static final String B_ROOT_UUID = "1b1b1b1b-2222-4333-8444-555555555555";
    static final String B_ESP_UUID = "5EED-0B0B";
    static final long B_DISK = 3L << 30;
    private static final String ESP_TYPE = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";
    private static final String RAID_TYPE = "A19D880F-05FC-4D3B-A006-743F0F84911E";
    /**
     * Machine (b) of the bare-metal tests (UefiRaidIT): UEFI, both disks partitioned alike, as
     * mirrors are: an ESP-sized partition first, then the RAID 1 member holding an XFS root.
     */
    static final String HAND_WRITTEN_B = """
            {"flar_layout": 1, "firmware": "uefi",
             "boot_loader": {"kind": "grub", "targets": ["x86_64-efi"], "efi_directory": "/boot/efi", "bootloader_id": "debian"},
             "disks": [
              {"device": "/dev/vda", "size": %1$d, "sector_size": 512,
               "table": {"label": "gpt", "partitions": [
                 {"number": 1, "size": 268435456, "type": "%2$s", "name": "esp"},
                 {"number": 2, "type": "%3$s", "name": "root-a"}]}},
              {"device": "/dev/vdb", "size": %1$d, "sector_size": 512,
               "table": {"label": "gpt", "partitions": [
                 {"number": 1, "size": 268435456, "type": "0FC63DAF-8483-4772-8E79-3D69D8477DE4", "name": "spare"},
                 {"number": 2, "type": "%3$s", "name": "root-b"}]}}],
             "raids": [{"device": "/dev/md0", "level": "raid1", "metadata": "1.2", "uuid": "%4$s", "name": "root",
               "members": ["/dev/vda2", "/dev/vdb2"]}],
             "file_systems": [
               {"device": "/dev/vda1", "type": "vfat", "uuid": "%5$s", "label": "ESP", "mountpoint": "/boot/efi"},
               {"device": "/dev/md0", "type": "xfs", "uuid": "%6$s", "label": "root", "mountpoint": "/"}]}
            """.formatted(B_DISK, ESP_TYPE, RAID_TYPE, B_RAID_UUID, B_ESP_UUID, B_ROOT_UUID);

    private LayoutFixtures() {
    }

    /** BIOS + MBR: /boot on vda1 (512 MiB), LVM on vda2 (the rest of 4 GiB): root 2 GiB, var 768 MiB, swap 256 MiB. */
    static Layout mbrLvm() {
        Disk vda = new Disk("/dev/vda", 4 * GIB, 512, List.of(), "SER-A", null, null, new PartitionTable("dos", "0x5eed0a11",
                List.of(new Partition(1, MIB, 512 * MIB, "83", null, null, null, true),
                        new Partition(2, 513 * MIB, 4 * GIB - 513 * MIB, "8e", null, null, null, false))));
        VolumeGroup vg = new VolumeGroup("vg0", "Vg0Uid-aaaa-bbbb-cccc-dddd-eeee-ffffff", 4 * MIB, List.of(new PhysicalVolume("/dev/vda2", null)),
                List.of(new LogicalVolume("root", null, 2 * GIB, "linear"), new LogicalVolume("var", null, 768 * MIB, "linear"),
                        new LogicalVolume("swap", null, 256 * MIB, "linear")));
        List<FileSystem> fs = List.of(
                new FileSystem("/dev/vda1", "ext4", "0a0a0a0a-1111-4222-8333-444444444444", "boot", "/boot", null, 80 * MIB, null, null, null, List.of()),
                new FileSystem("/dev/vg0/root", "ext4", "0b0b0b0b-1111-4222-8333-444444444444", "root", "/", null, 700 * MIB, null, null, null, List.of()),
                new FileSystem("/dev/vg0/var", "ext4", "0c0c0c0c-1111-4222-8333-444444444444", "var", "/var", null, 100 * MIB, null, null, null, List.of()));
        return new Layout(1, "bios", new BootLoader("grub", List.of("i386-pc"), List.of("/dev/vda"), null, null), null,
                List.of(vda), List.of(), List.of(), List.of(vg), fs, List.of(new Swap("/dev/vg0/swap", null, "swap")));
    }

    static PresentDisk present(String device, long size) {
        return new PresentDisk(device, size, 512, null, null, null, null);
    }
}
