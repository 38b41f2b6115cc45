package org.flar.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flar.layout.Layout.Crypt;
import org.flar.layout.Layout.Disk;
import org.flar.layout.Layout.LogicalVolume;
import org.flar.layout.Layout.Partition;
import org.flar.layout.Layout.PhysicalVolume;
import org.flar.layout.Layout.Raid;
import org.flar.layout.Layout.Swap;
import org.flar.layout.Layout.VolumeGroup;

/**
 * The commands that make a fitted layout's storage on its target disks, bottom up: old
 * signatures wiped (rear/rear#799: an old md or LVM signature on a reused disk breaks
 * recreation), partition tables with the recorded GUIDs, types and names, md arrays with their
 * UUIDs, LUKS with its UUID and parameters, LVM with its names and UUIDs, file systems and
 * swap with their UUIDs, labels and features. Each step can be run again after a failure: the
 * first one stops what an earlier attempt left active.
 */
public final class StoragePlan {
    /** LVM in a system without udev (the rescue system) makes its own device nodes. */
    static final String LVM_CONFIG = "activation { udev_sync = 0 udev_rules = 0 } devices { obtain_device_list_from_udev = 0 }";

    private StoragePlan() {
    }

    /**
     * @param fill the logical volume (VG/LV) extended over its group's free space, or null
     * @param key the LUKS key (a passphrase as typed, or a key file's bytes), or null when the layout has no LUKS
     */
    public static List<Step> steps(Layout l, Path target, byte[] key, String fill) {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.by("stop what an earlier attempt left mounted under " + target + " or active on the target disks",
                () -> stopActive(l, target)));
        for (Disk d : l.disks()) {
            steps.add(Step.of("wipe the old signatures on " + d.device() + " and its partitions",
                    Command.of("wipefs", "--all", "--force", d.device())));
            if (d.table() != null) {
                steps.add(Step.of("partition " + d.device() + " (" + label(d) + ", " + d.table().partitions().size()
                        + " partitions)", Command.of("sfdisk", "--quiet", "--wipe", "always", "--wipe-partitions", "always",
                        d.device()).withInput(sfdiskScript(d)),
                        Command.of("partx", "-u", d.device())));
                List<String> parts = d.table().partitions().stream().map(p -> d.partitionDevice(p.number())).toList();
                steps.add(Step.by("wait for " + String.join(", ", parts), () -> waitFor(d.device(), parts)));
                List<String> wipe = new ArrayList<>(List.of("wipefs", "--all", "--force"));
                wipe.addAll(parts);
                steps.add(Step.of("wipe what the new partitions' sectors still held", Command.of(wipe)));
            }
        }
        for (Raid r : l.raids()) {
            steps.add(Step.of("create md array " + r.device() + " (" + r.level() + " over " + String.join(", ", r.members()) + ")",
                    mdadm(r)));
        }
        for (Crypt c : l.crypts()) {
            steps.add(Step.of("format LUKS" + c.version() + " on " + c.device() + " and open it as " + c.mapped(),
                    luksFormat(c).withSecret(key), Command.of("cryptsetup", "open", "--key-file=-", c.device(), c.name()).withSecret(key)));
        }
        for (VolumeGroup vg : l.volumeGroups()) {
            List<Command> lvm = new ArrayList<>();
            List<String> vgcreate = new ArrayList<>(List.of("lvm", "vgcreate", "--config", LVM_CONFIG, "-y",
                    "--physicalextentsize", vg.extentSize() / 1024 + "k", vg.name()));
            for (PhysicalVolume pv : vg.pvs()) {
                List<String> pvcreate = new ArrayList<>(List.of("lvm", "pvcreate", "--config", LVM_CONFIG, "-ff", "-y"));
                if (pv.uuid() != null) {
                    pvcreate.addAll(List.of("--uuid", pv.uuid(), "--norestorefile"));
                }
                pvcreate.add(pv.device());
                lvm.add(Command.of(pvcreate));
                vgcreate.add(pv.device());
            }
            lvm.add(Command.of(vgcreate));
            for (LogicalVolume lv : vg.lvs()) {
                lvm.add(Command.of("lvm", "lvcreate", "--config", LVM_CONFIG, "-y", "-Wy", "-Zy", "-n", lv.name(), "-l",
                        Long.toString((lv.size() + vg.extentSize() - 1) / vg.extentSize()), vg.name()));
            }
            if (fill != null && fill.startsWith(vg.name() + "/")) {
                lvm.add(Command.of("lvm", "lvextend", "--config", LVM_CONFIG, "-y", "-l", "+100%FREE", fill));
            }
            Command mknodes = Command.of("lvm", "vgmknodes", "--config", LVM_CONFIG, vg.name());
            String what = "create volume group " + vg.name() + " on " + String.join(", ", vg.pvs().stream()
                    .map(PhysicalVolume::device).toList()) + " with " + vg.lvs().size() + " logical volumes";
            if (LvmIds.recorded(vg)) {
                List<Command> shown = new ArrayList<>(lvm);
                shown.addAll(LvmIds.commands(vg, Path.of("/tmp/flar-lvm-" + vg.name() + ".vg")));
                shown.add(mknodes);
                steps.add(new Step(what + ", and give them their recorded UUIDs", shown, () -> {
                    for (Command c : lvm) {
                        c.run();
                    }
                    LvmIds.restore(vg);
                    mknodes.run();
                }));
            } else {
                lvm.add(mknodes);
                steps.add(Step.of(what, lvm.toArray(Command[]::new)));
            }
        }
        for (Layout.FileSystem f : l.fileSystems()) {
            steps.add(Step.of("make " + f.type() + " on " + f.device() + " for " + f.mountpoint(), FileSystemMaker.mkfs(f)));
        }
        for (Swap s : l.swaps()) {
            List<String> mkswap = new ArrayList<>(List.of("mkswap"));
            if (s.uuid() != null) {
                mkswap.addAll(List.of("-U", s.uuid()));
            }
            if (s.label() != null) {
                mkswap.addAll(List.of("-L", s.label()));
            }
            mkswap.add(s.device());
            steps.add(Step.of("make swap on " + s.device(), Command.of(mkswap)));
        }
        return steps;
    }

    private static String label(Disk d) {
        return "gpt".equals(d.table().label()) ? "GPT" : "MBR";
    }

    /** sfdisk's script format: exact starts and sizes in sectors, GUIDs, types, names. */
    static String sfdiskScript(Disk d) {
        StringBuilder b = new StringBuilder();
        b.append("label: ").append(d.table().label()).append('\n');
        if (d.table().id() != null) {
            b.append("label-id: ").append(d.table().id()).append('\n');
        }
        b.append("unit: sectors\n\n");
        long sector = d.sectorSize();
        for (Partition p : Resizer.explicit(d)) {
            b.append(d.partitionDevice(p.number())).append(" : start=").append(p.start() / sector)
                    .append(", size=").append(p.size() / sector).append(", type=").append(p.type());
            if (p.uuid() != null && "gpt".equals(d.table().label())) {
                b.append(", uuid=").append(p.uuid());
            }
            if (p.name() != null && "gpt".equals(d.table().label())) {
                b.append(", name=\"").append(p.name()).append('"');
            }
            if (p.attrs() != null && !p.attrs().isBlank()) {
                b.append(", attrs=\"").append(p.attrs()).append('"');
            }
            if (p.bootable()) {
                b.append(", bootable");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static Command mdadm(Raid r) {
        List<String> a = new ArrayList<>(List.of("mdadm", "--create", r.device(), "--run", "--level=" + r.level(),
                "--raid-devices=" + r.members().size()));
        if (r.metadata() != null) {
            a.add("--metadata=" + r.metadata());
        }
        if (r.uuid() != null) {
            a.add("--uuid=" + r.uuid());
        }
        if (r.name() != null) {
            a.add("--name=" + r.name());
        }
        if (r.chunk() != null) {
            a.add("--chunk=" + r.chunk() / 1024 + "K");
        }
        a.addAll(r.members());
        return Command.of(a);
    }

    private static Command luksFormat(Crypt c) {
        List<String> a = new ArrayList<>(List.of("cryptsetup", "luksFormat", "--batch-mode", "--type", "luks" + c.version(),
                "--key-file=-"));
        if (c.uuid() != null) {
            a.addAll(List.of("--uuid", c.uuid()));
        }
        if (c.cipher() != null) {
            a.addAll(List.of("--cipher", c.cipher()));
        }
        if (c.keySize() != null) {
            a.addAll(List.of("--key-size", c.keySize().toString()));
        }
        if (c.hash() != null) {
            a.addAll(List.of("--hash", c.hash()));
        }
        if (c.pbkdf() != null && c.version() == 2) {
            a.addAll(List.of("--pbkdf", c.pbkdf()));
        }
        if (c.sectorSize() != null && c.version() == 2) {
            a.addAll(List.of("--sector-size", c.sectorSize().toString()));
        }
        a.add(c.device());
        return Command.of(a);
    }

    /** Undoes what a failed attempt may have left: mounts under /mnt/target, volume groups, LUKS mappings, md arrays. */
    private static void stopActive(Layout l, Path target) throws IOException {
        TargetMounts.unmountUnder(target);
        for (VolumeGroup vg : l.volumeGroups()) {
            Command.of("lvm", "vgchange", "--config", LVM_CONFIG, "-an", vg.name()).runQuietly();
        }
        for (Crypt c : l.crypts()) {
            if (Files.exists(Path.of(c.mapped()))) {
                Command.of("cryptsetup", "close", c.name()).runQuietly();
            }
        }
        for (Raid r : l.raids()) {
            if (Files.exists(Path.of(r.device()))) {
                Command.of("mdadm", "--stop", r.device()).runQuietly();
            }
        }
    }


    /** The kernel makes partition nodes (devtmpfs) a moment after the table is read (devtmpfs; udev may be slower). */
    private static void waitFor(String disk, List<String> devices) throws IOException {
        for (int i = 0; i < 100; i++) {
            if (devices.stream().allMatch(d -> Files.exists(Path.of(d)))) {
                return;
            }
            if (i == 10) { // a loop device, or a kernel that did not re-read the table: add them
                Command.of("partx", "-a", disk).runQuietly();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        throw new LayoutException(String.join(", ", devices.stream().filter(d -> !Files.exists(Path.of(d))).toList())
                + " did not appear within 10 s of partitioning".toLowerCase(Locale.ROOT));
    }
}
