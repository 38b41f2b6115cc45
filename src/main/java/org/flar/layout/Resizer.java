package org.flar.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flar.layout.Layout.Crypt;
import org.flar.layout.Layout.Disk;
import org.flar.layout.Layout.FileSystem;
import org.flar.layout.Layout.LogicalVolume;
import org.flar.layout.Layout.Partition;
import org.flar.layout.Layout.PartitionTable;
import org.flar.layout.Layout.PhysicalVolume;
import org.flar.layout.Layout.Raid;
import org.flar.layout.Layout.Swap;
import org.flar.layout.Layout.VolumeGroup;

/**
 * The recorded layout fitted to the disks it is recreated on: every partition's start and size
 * made explicit, the disks renamed to the target disks (their partitions named the way those
 * disks name them: nvme0n1p1), a larger disk's space given to one partition (the last, or
 * {@code --grow}) and, with LVM, to one logical volume ({@code --grow-lv}), a smaller disk's
 * shortfall taken from the same places when what is stored there fits — otherwise refused,
 * with the numbers, before anything is written.
 */
public final class Resizer {
    /** LVM puts the first extent 1 MiB into a PV by default. */
    static final long PE_START = Sizes.MIB;
    /** A LUKS2 header with its default keyslot area (16 MiB); LUKS1 needs 2 MiB. */
    static final long LUKS2_HEADER = 16 * Sizes.MIB;
    static final long LUKS1_HEADER = 2 * Sizes.MIB;
    /** What md's 1.x superblock and bitmap may keep at the start of a member, at most (mdadm's default data offset). */
    static final long MD_RESERVE = 136 * Sizes.MIB;

    /**
     * The fitted layout, and what changed, for the plan.
     *
     * @param fill the logical volume (VG/LV) that takes its volume group's free space once made, or null
     */
    public record Fitted(Layout layout, List<String> changes, String fill) {
    }

    private final Layout layout;
    private final String growPartition;
    private final String growLv;
    private final List<String> changes = new ArrayList<>();
    private final Map<String, Long> sizes = new HashMap<>();
    private final Map<String, Long> oldSizes = new HashMap<>();
    private String fill;

    /**
     * @param growPartition the recorded partition (/dev/vda2) that takes a size change, or null for each disk's last
     * @param growLv        VG/LV that takes the volume group's new space (or gives what a smaller disk lacks), or null
     */
    public Resizer(Layout layout, String growPartition, String growLv) {
        this.layout = layout;
        this.growPartition = growPartition;
        this.growLv = growLv;
    }

    public Fitted fit(List<DiskMapping.Match> matches) throws LayoutException {
        Map<String, String> rename = new HashMap<>();
        List<Disk> disks = new ArrayList<>();
        for (Disk d : layout.disks()) {
            DiskMapping.Match m = matches.stream().filter(x -> x.recorded().equals(d)).findFirst()
                    .orElseThrow(() -> new LayoutException(d.device() + ": no target disk"));
            PresentDisk p = m.present();
            rename.put(d.device(), p.device());
            PartitionTable table = d.table() == null ? null : fitTable(d, p);
            if (table != null) {
                for (Partition part : table.partitions()) {
                    rename.put(d.partitionDevice(part.number()), Devices.partition(p.device(), part.number()));
                }
            }
            disks.add(d.withDevice(p.device(), p.size(), table));
        }
        if (growPartition != null && !oldSizes.containsKey(growPartition)) {
            throw new LayoutException("--grow " + growPartition + ": not a partition of the layout");
        }
        List<VolumeGroup> vgs = new ArrayList<>();
        for (VolumeGroup vg : layout.volumeGroups()) {
            vgs.add(fitVolumeGroup(vg));
        }
        if (growLv != null && layout.volumeGroups().stream().noneMatch(vg -> vg.lvs().stream()
                .anyMatch(lv -> (vg.name() + "/" + lv.name()).equals(growLv)))) {
            throw new LayoutException("--grow-lv " + growLv + ": not a logical volume of the layout (VG/LV)");
        }
        Rename r = new Rename(rename);
        Layout fitted = layout.with(disks, r.raids(layout.raids()), r.crypts(layout.crypts()), r.vgs(vgs),
                r.fileSystems(layout.fileSystems()), r.swaps(layout.swaps()));
        if (fitted.bootLoader() != null) {
            fitted = new Layout(fitted.flarLayout(), fitted.firmware(), r.bootLoader(fitted.bootLoader()),
                    fitted.kernelCmdline(), fitted.disks(), fitted.raids(), fitted.crypts(), fitted.volumeGroups(),
                    fitted.fileSystems(), fitted.swaps());
        }
        return new Fitted(fitted, List.copyOf(changes), fill);
    }

    /** The last byte a partition may use: GPT keeps 33 sectors for its backup at the end. */
    private static long usableEnd(String label, long diskSize, int sector) {
        return "gpt".equals(label) ? diskSize - 34L * sector : diskSize;
    }

    private PartitionTable fitTable(Disk d, PresentDisk p) throws LayoutException {
        if (p.sectorSize() != d.sectorSize()) {
            changes.add(p.device() + ": logical sector size " + p.sectorSize() + " where " + d.device() + " had "
                    + d.sectorSize() + " (partitions keep their byte offsets)");
        }
        String label = d.table().label();
        List<Partition> parts = explicit(d);
        parts.forEach(x -> oldSizes.put(d.partitionDevice(x.number()), x.size()));
        long oldEnd = usableEnd(label, d.size(), d.sectorSize());
        long newEnd = usableEnd(label, p.size(), p.sectorSize());
        long lastEnd = parts.isEmpty() ? 0 : parts.getLast().start() + parts.getLast().size();
        int g = growIndex(d, parts);
        long delta;
        if (p.size() > d.size()) {
            delta = alignDown(newEnd - oldEnd);
        } else if (lastEnd > newEnd) {
            delta = -alignUp(lastEnd - newEnd);
        } else {
            delta = 0;
        }
        if (delta != 0 && g < 0) {
            if (delta < 0) {
                throw new LayoutException(p.device() + " (" + Sizes.human(p.size()) + ") is smaller than " + d.device()
                        + " (" + Sizes.human(d.size()) + ") and it has no partition to shrink");
            }
            changes.add(p.device() + ": " + Sizes.human(delta) + " more than " + d.device() + " had, left unpartitioned");
            delta = 0;
        }
        List<Partition> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Partition x = parts.get(i);
            if (i < g || g < 0 || delta == 0) {
                out.add(x);
            } else if (i == g) {
                long size = i == parts.size() - 1 && delta > 0 ? alignDownTo(newEnd - x.start(), p.sectorSize()) : x.size() + delta;
                String dev = d.partitionDevice(x.number());
                long needed = needed(dev);
                if (size < needed) {
                    throw new LayoutException(p.device() + " is " + Sizes.human(p.size()) + ", " + d.device() + " was "
                            + Sizes.human(d.size()) + ": " + dev + " would be " + Sizes.human(size) + " but needs "
                            + Sizes.human(needed) + " for what it holds; nothing was written");
                }
                changes.add(Devices.partition(p.device(), x.number()) + " (was " + dev + "): " + Sizes.human(x.size())
                        + " -> " + Sizes.human(size));
                out.add(x.resized(x.start(), size));
                sizes.put(dev, size);
            } else {
                out.add(x.resized(x.start() + delta, x.size()));
            }
            sizes.putIfAbsent(d.partitionDevice(x.number()), out.getLast().size());
        }
        long end = out.isEmpty() ? 0 : out.getLast().start() + out.getLast().size();
        if (end > newEnd) {
            throw new LayoutException(p.device() + " (" + Sizes.human(p.size()) + ") is too small for " + d.device()
                    + "'s partitions (" + Sizes.human(end) + "); nothing was written");
        }
        return new PartitionTable(label, d.table().id(), out);
    }

    private int growIndex(Disk d, List<Partition> parts) {
        if (growPartition != null) {
            for (int i = 0; i < parts.size(); i++) {
                if (d.partitionDevice(parts.get(i).number()).equals(growPartition)) {
                    return i;
                }
            }
            return -1;
        }
        return parts.size() - 1;
    }

    /** Partitions with their start and size filled in, in disk order. */
    static List<Partition> explicit(Disk d) {
        List<Partition> out = new ArrayList<>();
        long end = Sizes.MIB;
        List<Partition> parts = d.table().partitions();
        for (Partition p : parts) {
            long start = p.start() == null ? alignUp(end) : p.start();
            long size = p.size() == null ? alignDownTo(usableEnd(d.table().label(), d.size(), d.sectorSize()) - start, d.sectorSize()) : p.size();
            out.add(p.resized(start, size));
            end = start + size;
        }
        out.sort((a, b) -> Long.compare(a.start(), b.start()));
        return out;
    }

    /** The least a device may shrink to and still hold what the layout puts on it. */
    long needed(String device) {
        for (FileSystem f : layout.fileSystems()) {
            if (f.device().equals(device)) {
                return f.used() == null ? (f.size() == null ? 0 : f.size()) : f.used() + f.used() / 20 + 32 * Sizes.MIB;
            }
        }
        for (Swap s : layout.swaps()) {
            if (s.device().equals(device)) {
                return 64 * Sizes.MIB;
            }
        }
        for (Crypt c : layout.crypts()) {
            if (c.device().equals(device)) {
                return needed(c.mapped()) + (c.version() == 1 ? LUKS1_HEADER : LUKS2_HEADER);
            }
        }
        for (Raid r : layout.raids()) {
            if (r.members().contains(device)) {
                long n = needed(r.device());
                int k = r.members().size();
                long perMember = switch (r.level()) {
                    case "raid0", "linear" -> n / k;
                    case "raid4", "raid5" -> n / Math.max(1, k - 1);
                    case "raid6" -> n / Math.max(1, k - 2);
                    case "raid10" -> 2 * n / k;
                    default -> n;
                };
                return perMember + MD_RESERVE;
            }
        }
        for (VolumeGroup vg : layout.volumeGroups()) {
            if (vg.pvs().stream().anyMatch(pv -> pv.device().equals(device))) {
                long lvs = 0;
                for (LogicalVolume lv : vg.lvs()) {
                    lvs += lv == shrinkable(vg) ? Math.min(lv.size(), needed(lv.device(vg.name()))) : lv.size();
                }
                return lvs + PE_START + vg.extentSize() * vg.pvs().size();
            }
        }
        return oldSizes.getOrDefault(device, 0L);
    }

    /** The size of a device of the recorded layout once its disks are fitted. */
    private long sizeOf(String device, boolean old) {
        Map<String, Long> table = old ? oldSizes : sizes;
        if (table.containsKey(device)) {
            return table.get(device);
        }
        for (Crypt c : layout.crypts()) {
            if (c.mapped().equals(device)) {
                return sizeOf(c.device(), old) - (c.version() == 1 ? LUKS1_HEADER : LUKS2_HEADER);
            }
        }
        for (Raid r : layout.raids()) {
            if (r.device().equals(device)) {
                long min = Long.MAX_VALUE;
                long sum = 0;
                for (String m : r.members()) {
                    long s = sizeOf(m, old) - MD_RESERVE;
                    min = Math.min(min, s);
                    sum += s;
                }
                int k = r.members().size();
                return switch (r.level()) {
                    case "raid0", "linear" -> sum;
                    case "raid4", "raid5" -> (k - 1) * min;
                    case "raid6" -> (k - 2) * min;
                    case "raid10" -> k * min / 2;
                    default -> min;
                };
            }
        }
        return 0;
    }

    private LogicalVolume shrinkable(VolumeGroup vg) {
        Optional<LogicalVolume> named = vg.lvs().stream().filter(lv -> (vg.name() + "/" + lv.name()).equals(growLv)).findFirst();
        if (named.isPresent() || growLv != null) {
            return named.orElse(null);
        }
        return vg.lvs().stream().filter(lv -> layout.fileSystems().stream()
                .anyMatch(f -> f.device().equals(lv.device(vg.name())) && "/".equals(f.mountpoint()))).findFirst().orElse(null);
    }

    private VolumeGroup fitVolumeGroup(VolumeGroup vg) throws LayoutException {
        long ext = vg.extentSize();
        long oldCapacity = 0;
        long capacity = 0;
        for (PhysicalVolume pv : vg.pvs()) {
            oldCapacity += Math.max(0, (sizeOf(pv.device(), true) - PE_START) / ext);
            capacity += Math.max(0, (sizeOf(pv.device(), false) - PE_START) / ext);
        }
        long required = 0;
        for (LogicalVolume lv : vg.lvs()) {
            required += (lv.size() + ext - 1) / ext;
        }
        LogicalVolume target = shrinkable(vg);
        List<LogicalVolume> lvs = new ArrayList<>(vg.lvs());
        if (capacity < required) {
            long deficit = required - capacity;
            String what = vg.name() + " has " + Sizes.human(capacity * ext) + " on the target disks, its volumes need "
                    + Sizes.human(required * ext);
            if (target == null) {
                throw new LayoutException(what + "; name a logical volume to shrink with --grow-lv VG/LV; nothing was written");
            }
            long newSize = ((target.size() + ext - 1) / ext - deficit) * ext;
            long needed = needed(target.device(vg.name()));
            if (newSize < needed) {
                throw new LayoutException(what + ": " + target.device(vg.name()) + " would be " + Sizes.human(newSize)
                        + " but needs " + Sizes.human(needed) + " for what it holds; nothing was written");
            }
            changes.add(target.device(vg.name()) + ": " + Sizes.human(target.size()) + " -> " + Sizes.human(newSize));
            lvs.set(lvs.indexOf(target), target.resized(newSize));
        } else if (capacity > oldCapacity && growLv != null && target != null) {
            // only a volume group that grew: on disks of the recorded size its free space stays free, as the machine had it
            // made at its size, then extended over what LVM reports free: its own count of extents is the one that holds
            long newSize = ((target.size() + ext - 1) / ext + capacity - required) * ext;
            changes.add(target.device(vg.name()) + ": " + Sizes.human(target.size()) + " -> " + Sizes.human(newSize)
                    + " (the volume group's free space)");
            fill = growLv;
        } else if (capacity > oldCapacity) {
            changes.add(vg.name() + ": " + Sizes.human((capacity - oldCapacity) * ext)
                    + " more free space than it had (--grow-lv VG/LV gives it to a volume)");
        }
        return new VolumeGroup(vg.name(), vg.uuid(), ext, vg.pvs(), lvs);
    }

    static long alignUp(long v) {
        return (v + Sizes.MIB - 1) / Sizes.MIB * Sizes.MIB;
    }

    static long alignDown(long v) {
        return v / Sizes.MIB * Sizes.MIB;
    }

    private static long alignDownTo(long v, int sector) {
        return v / sector * sector;
    }
}
