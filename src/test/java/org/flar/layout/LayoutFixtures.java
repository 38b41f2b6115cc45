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
    private LayoutFixtures() {
    }

    /** BIOS + MBR: /boot on vda1 (512 MiB), LVM on vda2 (the rest of 4 GiB): root 2 GiB, var 768 MiB, swap 256 MiB. */
    static Layout mbrLvm() {
        Disk vda = new Disk("/dev/vda", 4 * GIB, 512, List.of(), "SER-A", null, null, new PartitionTable("dos", "0x5eed0a11",
                List.of(new Partition(1, MIB, 512 * MIB, "83", null, null, null, true),
                        new Partition(2, 513 * MIB, 4 * GIB - 513 * MIB, "8e", null, null, null, false))));
        VolumeGroup vg = new VolumeGroup("vg0", "Vg0Uuid", 4 * MIB, List.of(new PhysicalVolume("/dev/vda2", null)),
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
