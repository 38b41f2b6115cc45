package org.flar.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A machine's storage as flar records it at capture and recreates it at recovery (docs/layout.md):
 * disks with their partition tables, md arrays, LUKS volumes, LVM volume groups, file systems and
 * swap, and how the machine boots. Devices are named by the paths they had on the recorded
 * machine ({@code /dev/vda2}, {@code /dev/md0}, {@code /dev/mapper/crypt}, {@code /dev/vg0/root});
 * each layer names the device it sits on. The same form is written by hand for a machine that
 * gets a layout it never had (a new install).
 *
 * @param flarLayout    the form's version, 1
 * @param firmware      what the machine booted with: {@code bios} or {@code uefi}
 * @param kernelCmdline the running kernel's command line at capture, or null
 */
public record Layout(int flarLayout, String firmware, BootLoader bootLoader, String kernelCmdline, List<Disk> disks,
        List<Raid> raids, List<Crypt> crypts, List<VolumeGroup> volumeGroups, List<FileSystem> fileSystems,
        List<Swap> swaps) {
    public static final int VERSION = 1;

    public Layout {
        disks = listOf(disks);
        raids = listOf(raids);
        crypts = listOf(crypts);
        volumeGroups = listOf(volumeGroups);
        fileSystems = listOf(fileSystems);
        swaps = listOf(swaps);
    }

    private static <T> List<T> listOf(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    /** A disk and its partition table. */
    public record Disk(String device, long size, int sectorSize, List<String> ids, String serial, String wwn,
            String model, PartitionTable table) {
        public Disk {
            ids = listOf(ids);
            sectorSize = sectorSize == 0 ? 512 : sectorSize;
        }

        /** The device path of partition {@code number}: vda → vda1, nvme0n1 → nvme0n1p1. */
        public String partitionDevice(int number) {
            return Devices.partition(device, number);
        }

        public Disk withDevice(String d, long newSize, PartitionTable t) {
            return new Disk(d, newSize, sectorSize, ids, serial, wwn, model, t);
        }
    }

    /**
     * @param label {@code gpt} or {@code dos} (MBR)
     * @param id    the disk GUID (GPT) or the MBR disk identifier (0x...)
     */
    public record PartitionTable(String label, String id, List<Partition> partitions) {
        public PartitionTable {
            partitions = listOf(partitions);
        }
    }

    /**
     * @param start bytes from the disk's start, or null: right after the previous one (1 MiB aligned)
     * @param size  bytes, or null for the last one: the rest of the disk
     * @param type  GPT type GUID, or MBR type as hex ({@code 83}, {@code 8e}, {@code fd}, {@code ef})
     * @param uuid  GPT partition GUID, or null (MBR, or a new one)
     */
    public record Partition(int number, Long start, Long size, String type, String uuid, String name, String attrs,
            boolean bootable) {
        public Partition resized(long newStart, long newSize) {
            return new Partition(number, newStart, newSize, type, uuid, name, attrs, bootable);
        }
    }

    /** An md array; {@code members} are devices of this layout. */
    public record Raid(String device, String level, String metadata, String uuid, String name, List<String> members,
            Long chunk) {
        public Raid {
            members = listOf(members);
        }
    }

    /** A LUKS volume on {@code device}, opened as /dev/mapper/{@code name}. Never a key. */
    public record Crypt(String device, String name, int version, String uuid, String cipher, Integer keySize,
            String pbkdf, String hash, Integer sectorSize) {
        public String mapped() {
            return "/dev/mapper/" + name;
        }
    }

    public record VolumeGroup(String name, String uuid, long extentSize, List<PhysicalVolume> pvs,
            List<LogicalVolume> lvs) {
        public VolumeGroup {
            pvs = listOf(pvs);
            lvs = listOf(lvs);
        }
    }

    public record PhysicalVolume(String device, String uuid) {
    }

    /** @param size bytes; @param segtype linear, striped, raid1, ... (thin pools are refused at capture) */
    public record LogicalVolume(String name, String uuid, long size, String segtype) {
        public String device(String vg) {
            return "/dev/" + vg + "/" + name;
        }

        public LogicalVolume resized(long newSize) {
            return new LogicalVolume(name, uuid, newSize, segtype);
        }
    }

    /**
     * @param features  what mkfs needs to make the same one: ext* feature names, xfs {@code name=value}
     * @param used      bytes in use at capture, or null (a hand-written layout)
     * @param blockSize the file system's block size, or null for mkfs's default
     */
    public record FileSystem(String device, String type, String uuid, String label, String mountpoint, String options,
            Long used, Long size, Integer blockSize, Integer inodeSize, List<String> features) {
        public FileSystem {
            features = listOf(features);
        }

        public FileSystem on(String newDevice) {
            return new FileSystem(newDevice, type, uuid, label, mountpoint, options, used, size, blockSize, inodeSize, features);
        }
    }

    public record Swap(String device, String uuid, String label) {
    }

    /**
     * @param kind    {@code grub}, {@code systemd-boot}, {@code extlinux} or {@code none}
     * @param targets for GRUB: {@code i386-pc} and/or {@code x86_64-efi}
     * @param disks   the disks that carry boot code (BIOS: GRUB's core image in the MBR gap or bios_grub)
     * @param efiDirectory the ESP's mount point, {@code /boot/efi}, or null
     * @param bootloaderId the directory under EFI/ and the NVRAM entry's name ({@code debian})
     */
    public record BootLoader(String kind, List<String> targets, List<String> disks, String efiDirectory,
            String bootloaderId) {
        public BootLoader {
            targets = listOf(targets);
            disks = listOf(disks);
        }
    }

    /** Every block device the layout defines, in the order they are made. */
    public List<String> devices() {
        List<String> all = new ArrayList<>();
        for (Disk d : disks) {
            all.add(d.device());
            if (d.table() != null) {
                d.table().partitions().forEach(p -> all.add(d.partitionDevice(p.number())));
            }
        }
        raids.forEach(r -> all.add(r.device()));
        crypts.forEach(c -> all.add(c.mapped()));
        for (VolumeGroup vg : volumeGroups) {
            vg.lvs().forEach(lv -> all.add(lv.device(vg.name())));
        }
        return all;
    }

    public Optional<FileSystem> fileSystemAt(String mountpoint) {
        return fileSystems.stream().filter(f -> mountpoint.equals(f.mountpoint())).findFirst();
    }

    public Layout with(List<Disk> newDisks, List<Raid> newRaids, List<Crypt> newCrypts, List<VolumeGroup> newVgs,
            List<FileSystem> newFs, List<Swap> newSwaps) {
        return new Layout(flarLayout, firmware, bootLoader, kernelCmdline, newDisks, newRaids, newCrypts, newVgs, newFs, newSwaps);
    }
}
