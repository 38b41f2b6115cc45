package org.flar.layout;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.flar.layout.Layout.Crypt;
import org.flar.layout.Layout.Disk;
import org.flar.layout.Layout.FileSystem;
import org.flar.layout.Layout.LogicalVolume;
import org.flar.layout.Layout.Partition;
import org.flar.layout.Layout.PhysicalVolume;
import org.flar.layout.Layout.Raid;
import org.flar.layout.Layout.Swap;
import org.flar.layout.Layout.VolumeGroup;

/**
 * Everything a layout claims, checked before any disk is touched: each device defined once and
 * used by one thing, partitions inside their disk and apart, known file systems and RAID levels,
 * names that are safe on a command line and in /dev.
 */
public final class LayoutCheck {
    public static final Set<String> FILE_SYSTEMS = Set.of("ext2", "ext3", "ext4", "xfs", "vfat");
    public static final Set<String> RAID_LEVELS = Set.of("raid0", "raid1", "raid4", "raid5", "raid6", "raid10", "linear");
    private static final Pattern DEVICE = Pattern.compile("/dev/[A-Za-z0-9][A-Za-z0-9._+/-]{0,126}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,62}");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+=-]{0,127}");
    private static final Pattern MOUNTPOINT = Pattern.compile("/|(/[A-Za-z0-9._+@-]+)+");
    private static final Pattern OPTIONS = Pattern.compile("[A-Za-z0-9._,=:@/+-]{1,512}");
    /** md's HOST:NAME (32 bytes in a 1.x superblock); "(none)" is the host mdadm writes on a system without a hostname. */
    private static final Pattern MD_NAME = Pattern.compile("((\\(none\\)|[A-Za-z0-9][A-Za-z0-9._-]{0,63}):)?[A-Za-z0-9][A-Za-z0-9._+-]{0,31}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9 ._+-]{0,32}");

    private final String source;
    private final Set<String> defined = new HashSet<>();
    private final Map<String, String> usedBy = new HashMap<>();

    private LayoutCheck(String source) {
        this.source = source;
    }

    public static void check(Layout layout, String source) throws LayoutException {
        new LayoutCheck(source).run(layout);
    }

    private void run(Layout l) throws LayoutException {
        if (l.flarLayout() != Layout.VERSION) {
            fail("flar_layout " + l.flarLayout() + " is not a version flar reads (" + Layout.VERSION + ")");
        }
        if (l.firmware() != null && !l.firmware().equals("bios") && !l.firmware().equals("uefi")) {
            fail("firmware '" + l.firmware() + "': bios or uefi");
        }
        if (l.disks().isEmpty()) {
            fail("no disks");
        }
        for (Disk d : l.disks()) {
            disk(d);
        }
        for (Raid r : l.raids()) {
            define(r.device());
            word("RAID level", r.level());
            if (!RAID_LEVELS.contains(r.level())) {
                fail(r.device() + ": unknown RAID level '" + r.level() + "' (" + String.join(", ", RAID_LEVELS) + ")");
            }
            if (r.members().isEmpty()) {
                fail(r.device() + ": no members");
            }
            for (String m : r.members()) {
                use(m, r.device());
            }
            optionalWord(r.device() + " uuid", r.uuid());
            if (r.name() != null && !MD_NAME.matcher(r.name()).matches()) {
                fail(r.device() + " name '" + r.name() + "'");
            }
            optionalWord(r.device() + " metadata", r.metadata());
        }
        for (Crypt c : l.crypts()) {
            name("LUKS name", c.name());
            if (c.version() != 1 && c.version() != 2) {
                fail(c.mapped() + ": LUKS version " + c.version() + " (1 or 2)");
            }
            use(c.device(), c.mapped());
            define(c.mapped());
            optionalWord(c.mapped() + " uuid", c.uuid());
            optionalWord(c.mapped() + " cipher", c.cipher());
            optionalWord(c.mapped() + " pbkdf", c.pbkdf());
            optionalWord(c.mapped() + " hash", c.hash());
        }
        Set<String> vgNames = new HashSet<>();
        for (VolumeGroup vg : l.volumeGroups()) {
            name("volume group", vg.name());
            if (!vgNames.add(vg.name())) {
                fail("volume group " + vg.name() + " is named twice");
            }
            if (vg.extentSize() < 4096 || Long.bitCount(vg.extentSize()) != 1) {
                fail(vg.name() + ": extent size " + vg.extentSize() + " is not a power of two of at least 4096");
            }
            if (vg.pvs().isEmpty()) {
                fail(vg.name() + ": no physical volumes");
            }
            lvmUuid(vg.name(), vg.uuid());
            for (PhysicalVolume pv : vg.pvs()) {
                use(pv.device(), "volume group " + vg.name());
                optionalWord(pv.device() + " PV uuid", pv.uuid());
            }
            Set<String> lvNames = new HashSet<>();
            for (LogicalVolume lv : vg.lvs()) {
                name("logical volume", lv.name());
                if (!lvNames.add(lv.name())) {
                    fail(vg.name() + "/" + lv.name() + " is named twice");
                }
                if (lv.size() <= 0) {
                    fail(lv.device(vg.name()) + ": size " + lv.size());
                }
                if (lv.segtype() != null && !lv.segtype().equals("linear") && !lv.segtype().equals("striped")) {
                    fail(lv.device(vg.name()) + ": segment type " + lv.segtype() + " is not one flar recreates (linear, striped)");
                }
                lvmUuid(lv.device(vg.name()), lv.uuid());
                define(lv.device(vg.name()));
            }
        }
        Set<String> mountpoints = new HashSet<>();
        for (FileSystem f : l.fileSystems()) {
            use(f.device(), "a file system");
            if (!FILE_SYSTEMS.contains(f.type())) {
                fail(f.device() + ": unknown file system type '" + f.type() + "' (" + String.join(", ", FILE_SYSTEMS) + ")");
            }
            if (f.mountpoint() == null || !MOUNTPOINT.matcher(f.mountpoint()).matches() || f.mountpoint().contains("/..")
                    || f.mountpoint().contains("/./")) {
                fail(f.device() + ": mount point '" + f.mountpoint() + "' is not an absolute path");
            }
            if (!mountpoints.add(f.mountpoint())) {
                fail("mount point " + f.mountpoint() + " is named twice");
            }
            optionalWord(f.device() + " uuid", f.uuid());
            label(f.device(), f.label());
            if (f.options() != null && !OPTIONS.matcher(f.options()).matches()) {
                fail(f.device() + ": mount options '" + f.options() + "'");
            }
            for (String feature : f.features()) {
                word(f.device() + " feature", feature.startsWith("^") ? feature.substring(1) : feature);
            }
        }
        if (!mountpoints.contains("/")) {
            fail("no file system is mounted at /");
        }
        for (Swap s : l.swaps()) {
            use(s.device(), "swap");
            optionalWord(s.device() + " uuid", s.uuid());
            label(s.device(), s.label());
        }
        if (l.bootLoader() != null) {
            for (String d : l.bootLoader().disks()) {
                if (l.disks().stream().noneMatch(x -> x.device().equals(d))) {
                    fail("boot loader disk " + d + " is not a disk of the layout");
                }
            }
            optionalWord("boot loader", l.bootLoader().kind());
            optionalWord("bootloader_id", l.bootLoader().bootloaderId());
            for (String t : l.bootLoader().targets()) {
                word("boot loader target", t);
            }
        }
    }

    private void disk(Disk d) throws LayoutException {
        define(d.device());
        if (d.sectorSize() != 512 && d.sectorSize() != 4096) {
            fail(d.device() + ": logical sector size " + d.sectorSize() + " (512 or 4096)");
        }
        if (d.size() <= 0 || d.size() % d.sectorSize() != 0) {
            fail(d.device() + ": size " + d.size() + " is not a positive multiple of its sector size");
        }
        if (d.table() == null) {
            return;
        }
        String label = d.table().label();
        if (!"gpt".equals(label) && !"dos".equals(label)) {
            fail(d.device() + ": partition table '" + label + "' (gpt or dos)");
        }
        optionalWord(d.device() + " table id", d.table().id());
        List<Partition> parts = d.table().partitions();
        long end = 0;
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            Partition p = parts.get(i);
            String dev = d.partitionDevice(p.number());
            if (p.number() < 1 || p.number() > ("gpt".equals(label) ? 128 : 4) || !numbers.add(p.number())) {
                fail(dev + ": partition number " + p.number() + " is out of range or named twice");
            }
            define(dev);
            word(dev + " type", p.type());
            optionalWord(dev + " uuid", p.uuid());
            optionalWord(dev + " attrs", p.attrs() == null ? null : p.attrs().replace(' ', '_'));
            if (p.name() != null && !LABEL.matcher(p.name()).matches()) {
                fail(dev + ": partition name '" + p.name() + "'");
            }
            long start = p.start() == null ? end : p.start();
            if (start < end || start < 0 || start % d.sectorSize() != 0) {
                fail(dev + ": starts at byte " + start + ", inside the partition before it or off a sector boundary");
            }
            if (p.size() == null) {
                if (i != parts.size() - 1) {
                    fail(dev + ": only the last partition may take the rest of the disk (no size)");
                }
                end = d.size();
            } else {
                if (p.size() <= 0 || p.size() % d.sectorSize() != 0) {
                    fail(dev + ": size " + p.size() + " is not a positive multiple of the sector size");
                }
                end = start + p.size();
            }
            if (end > d.size()) {
                fail(dev + ": ends at byte " + end + ", beyond the disk's " + d.size());
            }
        }
    }

    private void define(String device) throws LayoutException {
        if (device == null || !DEVICE.matcher(device).matches() || device.contains("/../") || device.endsWith("/..")) {
            fail("device name '" + device + "' is not a /dev path flar accepts");
        }
        if (!defined.add(device)) {
            fail(device + " is named twice");
        }
    }

    private void use(String device, String by) throws LayoutException {
        if (device == null || !defined.contains(device)) {
            fail(by + " is on " + device + ", which the layout does not define");
        }
        String before = usedBy.putIfAbsent(device, by);
        if (before != null) {
            fail(device + " is used twice: by " + before + " and by " + by);
        }
    }

    private void name(String what, String n) throws LayoutException {
        if (n == null || !NAME.matcher(n).matches()) {
            fail(what + " name '" + n + "'");
        }
    }

    private void word(String what, String w) throws LayoutException {
        if (w == null || !WORD.matcher(w).matches()) {
            fail(what + " '" + w + "'");
        }
    }

    private void optionalWord(String what, String w) throws LayoutException {
        if (w != null) {
            word(what, w);
        }
    }

    /** A VG or LV UUID goes into LVM's metadata text at recovery (LvmIds): LVM's form only. */
    private void lvmUuid(String what, String uuid) throws LayoutException {
        if (uuid != null && !LvmIds.UUID.matcher(uuid).matches()) {
            fail(what + ": uuid '" + uuid + "' is not an LVM UUID (32 letters and digits, dashed 6-4-4-4-4-4-6)");
        }
    }

    private void label(String device, String label) throws LayoutException {
        if (label != null && !LABEL.matcher(label).matches()) {
            fail(device + ": label '" + label + "'");
        }
    }

    private void fail(String message) throws LayoutException {
        throw new LayoutException(source + ": " + message);
    }
}
