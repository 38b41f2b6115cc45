package org.flar.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flar.layout.Layout.Crypt;
import org.flar.layout.Layout.Disk;
import org.flar.layout.Layout.FileSystem;
import org.flar.layout.Layout.LogicalVolume;
import org.flar.layout.Layout.Partition;
import org.flar.layout.Layout.Raid;
import org.flar.layout.Layout.Swap;
import org.flar.layout.Layout.VolumeGroup;

/** A layout as a tree, the way {@code lsblk} shows storage: each device with what sits on it. */
public final class LayoutTree {
    private final Layout layout;
    private final List<String> lines = new ArrayList<>();

    private LayoutTree(Layout layout) {
        this.layout = layout;
    }

    public static List<String> lines(Layout layout) {
        LayoutTree t = new LayoutTree(layout);
        t.lines.add(String.format(Locale.ROOT, "%-28s %9s  %-6s %-8s %-36s %-12s %s", "NAME", "SIZE", "TYPE", "FSTYPE", "UUID",
                "LABEL", "MOUNTPOINT"));
        for (Disk d : layout.disks()) {
            t.row("", d.device(), d.size(), "disk", d.table() == null ? null : d.table().label(), d.table() == null ? null : d.table().id(), null, null);
            if (d.table() != null) {
                List<Partition> parts = Resizer.explicit(d);
                for (int i = 0; i < parts.size(); i++) {
                    Partition p = parts.get(i);
                    t.device(i == parts.size() - 1 ? "└─" : "├─", i == parts.size() - 1 ? "  " : "│ ",
                            d.partitionDevice(p.number()), p.size(), "part");
                }
            }
        }
        StringBuilder tail = new StringBuilder("firmware: ").append(layout.firmware() == null ? "not recorded" : layout.firmware());
        if (layout.bootLoader() != null) {
            tail.append("; boot loader: ").append(layout.bootLoader().kind());
            if (!layout.bootLoader().targets().isEmpty()) {
                tail.append(" (").append(String.join(", ", layout.bootLoader().targets())).append(')');
            }
            if (!layout.bootLoader().disks().isEmpty()) {
                tail.append(" on ").append(String.join(", ", layout.bootLoader().disks()));
            }
        }
        t.lines.add(tail.toString());
        if (layout.kernelCmdline() != null) {
            t.lines.add("kernel command line: " + layout.kernelCmdline());
        }
        return t.lines;
    }

    /** A device's row, then what sits on it. */
    private void device(String branch, String indent, String dev, Long size, String type) {
        FileSystem fs = layout.fileSystems().stream().filter(f -> f.device().equals(dev)).findFirst().orElse(null);
        Swap swap = layout.swaps().stream().filter(s -> s.device().equals(dev)).findFirst().orElse(null);
        String fsType = fs != null ? fs.type() : swap != null ? "swap" : null;
        String uuid = fs != null ? fs.uuid() : swap != null ? swap.uuid() : null;
        String label = fs != null ? fs.label() : swap != null ? swap.label() : null;
        String mount = fs != null ? fs.mountpoint() : swap != null ? "[SWAP]" : null;
        List<String[]> kids = new ArrayList<>();
        for (Raid r : layout.raids()) {
            if (r.members().contains(dev)) {
                fsType = "md_member";
                kids.add(new String[] {r.device(), r.level()});
            }
        }
        for (Crypt c : layout.crypts()) {
            if (c.device().equals(dev)) {
                fsType = "luks" + c.version();
                uuid = c.uuid();
                kids.add(new String[] {c.mapped(), "crypt"});
            }
        }
        for (VolumeGroup vg : layout.volumeGroups()) {
            if (vg.pvs().stream().anyMatch(pv -> pv.device().equals(dev))) {
                fsType = "LVM2_member";
                uuid = vg.pvs().stream().filter(pv -> pv.device().equals(dev)).findFirst().get().uuid();
                for (LogicalVolume lv : vg.lvs()) {
                    kids.add(new String[] {lv.device(vg.name()), "lvm"});
                }
            }
        }
        row(branch, dev, size, type, fsType, uuid, label, mount);
        for (int i = 0; i < kids.size(); i++) {
            boolean last = i == kids.size() - 1;
            String[] k = kids.get(i);
            device(indent + (last ? "└─" : "├─"), indent + (last ? "  " : "│ "), k[0], sizeOf(k[0]), k[1]);
        }
    }

    private Long sizeOf(String dev) {
        for (VolumeGroup vg : layout.volumeGroups()) {
            for (LogicalVolume lv : vg.lvs()) {
                if (lv.device(vg.name()).equals(dev)) {
                    return lv.size();
                }
            }
        }
        return null;
    }

    private void row(String branch, String dev, Long size, String type, String fsType, String uuid, String label, String mount) {
        lines.add(String.format(Locale.ROOT, "%-28s %9s  %-6s %-8s %-36s %-12s %s", branch + dev,
                size == null ? "" : Sizes.human(size), type, fsType == null ? "" : fsType, uuid == null ? "" : uuid,
                label == null ? "" : label, mount == null ? "" : mount).stripTrailing());
    }
}
