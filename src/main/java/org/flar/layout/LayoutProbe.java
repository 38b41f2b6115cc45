package org.flar.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.flar.layout.Layout.BootLoader;
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
 * Records the layout under a root whose file systems are mounted block devices (the running
 * system's {@code /}, or an alternate root mounted for capture), from the tools' own JSON where
 * they have it: {@code findmnt} for what is mounted where, {@code lsblk} for the device tree,
 * {@code sfdisk --json} for partition tables, {@code lvm ... --reportformat json},
 * {@code mdadm --detail --export}, {@code cryptsetup luksDump}, {@code dumpe2fs -h} and
 * {@code xfs_info} (the binary its script calls, {@code xfs_spaceman}) for what mkfs needs. Every disk under a mounted file system is recorded
 * whole: all its partitions, arrays, volumes, and the boot code on it. For a root not mounted
 * from its disks, the disks are named ({@link #recordFrom}) and its fstab says what is mounted
 * where ({@link FstabMounts}).
 */
public final class LayoutProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ESP_TYPE = "c12a7328-f81f-11d2-ba4b-00a0c93ec93b";

    private final Path root;
    private final Map<String, JsonNode> byPath = new HashMap<>();
    private final Map<String, String> parentOf = new HashMap<>();
    private final List<String> notes = new ArrayList<>();

    private LayoutProbe(Path root) {
        this.root = root;
    }

    /** The layout, with what could not be recorded in {@code notes}; null when no file system under root is a block device. */
    public static Layout record(Path root, List<String> notes) throws IOException {
        LayoutProbe p = new LayoutProbe(root.toAbsolutePath().normalize());
        Layout l = p.run(null);
        notes.addAll(p.notes);
        return l;
    }

    /**
     * The layout of the disks under {@code devices} (disks, partitions, arrays, volumes) for a
     * root that is not mounted from them (a copy, a restored tree, an image's contents): its file
     * systems and swap are those its own fstab names that lie on these disks, at the mount
     * points the fstab gives. {@code --layout-from} of {@code flar create}.
     */
    public static Layout recordFrom(Path root, List<String> devices, List<String> notes) throws IOException {
        if (devices.isEmpty()) {
            throw new LayoutException("--layout-from: name at least one device");
        }
        LayoutProbe p = new LayoutProbe(root.toAbsolutePath().normalize());
        Layout l = p.run(devices);
        notes.addAll(p.notes);
        return l;
    }

    /** @param named the devices whose disks to record (and the root's fstab to read), or null for what is mounted under the root */
    private Layout run(List<String> named) throws IOException {
        JsonNode tree = JSON.readTree(Command.of("lsblk", "-J", "-b", "-O").run());
        for (JsonNode d : tree.path("blockdevices")) {
            index(d, null);
        }
        Set<String> disks = new LinkedHashSet<>();
        Map<String, JsonNode> mounts;
        List<String> swapDevices;
        if (named == null) {
            mounts = mounts();
            swapDevices = root.equals(Path.of("/")) ? activeSwaps() : fstabSwaps();
            Set<String> sources = new LinkedHashSet<>();
            for (JsonNode m : mounts.values()) {
                sources.add(m.path("source").asText());
            }
            sources.addAll(swapDevices);
            for (String s : sources) {
                disks.addAll(disksOf(canonical(s)));
            }
            if (disks.isEmpty()) {
                return null;
            }
        } else {
            for (String d : named) {
                if (!byPath.containsKey(canonical(d))) {
                    throw new LayoutException("--layout-from " + d + ": not a block device here (lsblk does not list it)");
                }
                disks.addAll(disksOf(canonical(d)));
            }
            mounts = FstabMounts.on(root, disks, this::canonical, this::disksOf, byPath, notes);
            if (mounts.isEmpty()) {
                throw new LayoutException("--layout-from " + String.join(" ", named) + ": no file system that "
                        + root.resolve("etc/fstab") + " names is on " + String.join(", ", disks));
            }
            swapDevices = new ArrayList<>(fstabSwaps().stream().filter(s -> !Collections.disjoint(disks, disksOf(canonical(s)))).toList());
        }
        Map<String, String> lvPaths = new HashMap<>();
        List<VolumeGroup> vgs = volumeGroups(disks, lvPaths);
        List<Disk> diskList = new ArrayList<>();
        for (String d : disks) {
            diskList.add(disk(d));
        }
        List<Raid> raids = new ArrayList<>();
        List<Crypt> crypts = new ArrayList<>();
        for (JsonNode n : byPath.values()) {
            String path = n.path("path").asText();
            if (Collections.disjoint(disks, disksOf(path))) {
                continue;
            }
            String type = n.path("type").asText();
            if (type.startsWith("raid") || type.equals("linear")) {
                raids.add(raid(path));
            } else if (type.equals("crypt")) {
                crypts.add(crypt(n));
            }
        }
        raids.sort((a, b) -> a.device().compareTo(b.device()));
        raids = dedupe(raids);
        List<FileSystem> fileSystems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> m : mounts.entrySet()) {
            fileSystems.add(fileSystem(m.getKey(), m.getValue(), lvPaths));
        }
        List<Swap> swaps = new ArrayList<>();
        for (String s : swapDevices) {
            JsonNode n = byPath.get(canonical(s));
            if (n != null) {
                swaps.add(new Swap(named(canonical(s), lvPaths), text(n, "uuid"), text(n, "label")));
            }
        }
        BootLoader boot = bootLoader(diskList, fileSystems);
        // an alternate root did not boot this machine: its boot code tells how it boots
        String firmware = root.equals(Path.of("/")) ? (Files.isDirectory(Path.of("/sys/firmware/efi")) ? "uefi" : "bios")
                : boot.targets().contains("x86_64-efi") ? "uefi" : boot.targets().contains("i386-pc") ? "bios" : null;
        Layout l = new Layout(Layout.VERSION, firmware, boot, cmdline(), diskList, raids, crypts, vgs, fileSystems, swaps);
        Path crypttab = root.resolve("etc/crypttab");
        if (!crypts.isEmpty() && Files.isRegularFile(crypttab, LinkOption.NOFOLLOW_LINKS) && Files.size(crypttab) < (1 << 20)) {
            l = CrypttabNames.apply(l, Files.readString(crypttab, StandardCharsets.ISO_8859_1), notes);
        }
        LayoutCheck.check(l, "the recorded layout");
        return l;
    }

    private static <T> List<T> dedupe(List<T> l) {
        return new ArrayList<>(new LinkedHashSet<>(l));
    }

    private void index(JsonNode n, String parent) {
        String path = n.path("path").asText();
        if (!byPath.containsKey(path)) {
            Blkid.fill((com.fasterxml.jackson.databind.node.ObjectNode) n, path);
        }
        byPath.putIfAbsent(path, n);
        if (parent != null) {
            parentOf.merge(path, parent, (a, b) -> a + "," + b);
        }
        for (JsonNode c : n.path("children")) {
            index(c, path);
        }
    }

    /** Mounts of block devices at or below the root, by mount point relative to it. */
    private Map<String, JsonNode> mounts() throws IOException {
        JsonNode fm = JSON.readTree(Command.of("findmnt", "-J", "-b", "--list", "-R", "-o",
                "TARGET,SOURCE,FSTYPE,OPTIONS,USED,SIZE", root.toString()).run());
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode m : fm.path("filesystems")) {
            String source = m.path("source").asText();
            if (!source.startsWith("/dev/") || !LayoutCheck.FILE_SYSTEMS.contains(m.path("fstype").asText())) {
                if (source.startsWith("/dev/")) {
                    notes.add(m.path("target").asText() + ": " + m.path("fstype").asText() + " is not a file system flar recreates; not recorded");
                }
                continue;
            }
            Path target = Path.of(m.path("target").asText());
            String rel = root.equals(target) ? "/" : "/" + root.relativize(target);
            if (source.contains("[")) { // a bind mount of a subdirectory: the same file system twice
                continue;
            }
            out.putIfAbsent(rel, m);
        }
        return out;
    }

    private static List<String> activeSwaps() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/swaps")).stream().skip(1).toList()) {
            String dev = line.split("\\s+")[0];
            if (dev.startsWith("/dev/") && !dev.startsWith("/dev/zram")) {
                out.add(dev);
            }
        }
        return out;
    }

    /** An alternate root's swap: what its fstab names, where it is on these disks. */
    private List<String> fstabSwaps() throws IOException {
        List<String> out = new ArrayList<>();
        Path fstab = root.resolve("etc/fstab");
        if (!Files.isRegularFile(fstab) || Files.isSymbolicLink(fstab)) {
            return out;
        }
        for (String line : Files.readAllLines(fstab, StandardCharsets.UTF_8)) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 3 && !f[0].startsWith("#") && f[2].equals("swap")) {
                String dev = Blkid.device(f[0]);
                if (dev != null) {
                    out.add(dev);
                } else {
                    notes.add("fstab: swap " + f[0] + " is not on these disks: not recorded");
                }
            }
        }
        return out;
    }

    /** /dev/mapper/x and /dev/dm-3 name the same device: matched by device number, lsblk's path is the one kept. */
    private String canonical(String dev) {
        if (byPath.containsKey(dev)) {
            return dev;
        }
        Object rdev = rdev(dev);
        if (rdev != null) {
            for (String path : byPath.keySet()) {
                if (rdev.equals(rdev(path))) {
                    return path;
                }
            }
        }
        return dev;
    }

    private static Object rdev(String dev) {
        try {
            return Files.getAttribute(Path.of(dev), "unix:rdev");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The disk under a device (through partitions, arrays, LUKS and LVM; the first one for an array). */
    /** The disks a device lies on, through every parent: an md array or a volume group may span several. */
    private Set<String> disksOf(String path) {
        Set<String> out = new LinkedHashSet<>();
        disksOf(path, out, 0);
        return out;
    }

    private void disksOf(String path, Set<String> out, int depth) {
        JsonNode n = byPath.get(path);
        if (n == null || depth > 16) {
            return;
        }
        if (n.path("type").asText().equals("disk") || n.path("type").asText().equals("loop")) {
            out.add(path);
            return;
        }
        String parents = parentOf.get(path);
        if (parents != null) {
            for (String p : parents.split(",")) {
                disksOf(p, out, depth + 1);
            }
        }
    }

    private Disk disk(String path) throws IOException {
        JsonNode n = byPath.get(path);
        List<String> ids = new ArrayList<>();
        Path byId = Path.of("/dev/disk/by-id");
        if (Files.isDirectory(byId)) {
            try (Stream<Path> links = Files.list(byId)) {
                for (Path l : links.sorted().toList()) {
                    if (Files.isSymbolicLink(l) && l.toRealPath().equals(Path.of(path).toRealPath())) {
                        ids.add(l.getFileName().toString());
                    }
                }
            }
        }
        PartitionTable table = null;
        if (n.path("pttype").isTextual()) {
            JsonNode t = JSON.readTree(Command.of("sfdisk", "--json", path).run()).path("partitiontable");
            int sector = t.path("sectorsize").asInt(n.path("log-sec").asInt(512));
            List<Partition> parts = new ArrayList<>();
            for (JsonNode p : t.path("partitions")) {
                String node = p.path("node").asText();
                int number = Integer.parseInt(node.replaceAll(".*?(\\d+)$", "$1"));
                parts.add(new Partition(number, p.path("start").asLong() * sector, p.path("size").asLong() * sector,
                        p.path("type").asText(), text(p, "uuid"), text(p, "name"), text(p, "attrs"), p.path("bootable").asBoolean()));
            }
            table = new PartitionTable(t.path("label").asText(), text(t, "id"), parts);
        }
        return new Disk(path, n.path("size").asLong(), n.path("log-sec").asInt(512), ids, text(n, "serial"), text(n, "wwn"),
                text(n, "model"), table);
    }

    private Raid raid(String path) throws IOException {
        Map<String, String> d = new HashMap<>();
        for (String line : Command.of("mdadm", "--detail", "--export", path).run().lines().toList()) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                d.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        List<String> members = new ArrayList<>();
        d.keySet().stream().filter(k -> k.startsWith("MD_DEVICE_") && k.endsWith("_DEV")).sorted()
                .forEach(k -> members.add(d.get(k)));
        return new Raid(path, d.get("MD_LEVEL"), d.get("MD_METADATA"), d.get("MD_UUID"), d.get("MD_NAME"), members, null);
    }

    private Crypt crypt(JsonNode mapped) throws IOException {
        String container = parentOf.get(mapped.path("path").asText()).split(",")[0];
        String name = mapped.path("name").asText();
        String dump = Command.of("cryptsetup", "luksDump", container).run();
        int version = dump.contains("Version:       \t2") || dump.matches("(?s).*Version:\\s+2.*") ? 2 : 1;
        String uuid = field(dump, "UUID:");
        if (version == 2) {
            JsonNode meta = JSON.readTree(Command.of("cryptsetup", "luksDump", "--dump-json-metadata", container).run());
            JsonNode seg = meta.path("segments").path("0");
            JsonNode slot = null;
            for (JsonNode s : meta.path("keyslots")) {
                slot = s;
                break;
            }
            Integer keyBits = slot == null ? null : slot.path("key_size").asInt() * 8;
            String pbkdf = slot == null ? null : text(slot.path("kdf"), "type");
            String hash = null;
            for (JsonNode digest : meta.path("digests")) {
                hash = text(digest, "hash");
                break;
            }
            return new Crypt(container, name, 2, uuid, text(seg, "encryption"), keyBits, pbkdf, hash,
                    seg.path("sector_size").isInt() ? seg.path("sector_size").asInt() : null);
        }
        String cipher = field(dump, "Cipher name:") + "-" + field(dump, "Cipher mode:");
        String bits = field(dump, "MK bits:");
        return new Crypt(container, name, 1, uuid, cipher, bits == null ? null : Integer.valueOf(bits), null,
                field(dump, "Hash spec:"), null);
    }

    private static String field(String text, String name) {
        for (String line : text.lines().toList()) {
            if (line.strip().startsWith(name)) {
                return line.strip().substring(name.length()).strip();
            }
        }
        return null;
    }

    private List<VolumeGroup> volumeGroups(Set<String> disks, Map<String, String> lvPaths) throws IOException {
        boolean anyLvm = byPath.values().stream().anyMatch(n -> n.path("type").asText().equals("lvm")
                && !Collections.disjoint(disks, disksOf(n.path("path").asText())));
        if (!anyLvm) {
            return List.of();
        }
        JsonNode pvs = report("pvs", "pv_name,pv_uuid,vg_name");
        JsonNode vgs = report("vgs", "vg_name,vg_uuid,vg_extent_size");
        JsonNode lvs = report("lvs", "lv_name,vg_name,lv_uuid,lv_size,segtype,lv_dm_path,lv_layout");
        List<VolumeGroup> out = new ArrayList<>();
        for (JsonNode vg : vgs.path("report").path(0).path("vg")) {
            String name = vg.path("vg_name").asText();
            List<PhysicalVolume> pv = new ArrayList<>();
            for (JsonNode p : pvs.path("report").path(0).path("pv")) {
                if (name.equals(p.path("vg_name").asText())) {
                    pv.add(new PhysicalVolume(canonical(p.path("pv_name").asText()), text(p, "pv_uuid")));
                }
            }
            if (pv.stream().allMatch(p -> Collections.disjoint(disks, disksOf(p.device())))) {
                continue;
            }
            List<LogicalVolume> lv = new ArrayList<>();
            for (JsonNode l : lvs.path("report").path(0).path("lv")) {
                if (!name.equals(l.path("vg_name").asText())) {
                    continue;
                }
                String segtype = l.path("segtype").asText();
                if (segtype.startsWith("thin") || l.path("lv_layout").asText().contains("pool")) {
                    throw new LayoutException(name + "/" + l.path("lv_name").asText() + ": thin provisioning is not a layout "
                            + "flar recreates; capture with --no-layout, or recreate it by hand and deploy into it");
                }
                lv.add(new LogicalVolume(l.path("lv_name").asText(), text(l, "lv_uuid"), l.path("lv_size").asLong(), segtype));
                lvPaths.put(canonical(l.path("lv_dm_path").asText()), "/dev/" + name + "/" + l.path("lv_name").asText());
            }
            out.add(new VolumeGroup(name, text(vg, "vg_uuid"), vg.path("vg_extent_size").asLong(), pv, lv));
        }
        return out;
    }

    private static JsonNode report(String tool, String fields) throws IOException {
        return JSON.readTree(Command.of("lvm", tool, "--reportformat", "json", "--units", "b", "--nosuffix", "-o", fields).run());
    }

    private String named(String path, Map<String, String> lvPaths) {
        if (lvPaths.containsKey(path)) {
            return lvPaths.get(path);
        }
        JsonNode n = byPath.get(path);
        if (n != null && n.path("type").asText().equals("crypt")) {
            return "/dev/mapper/" + n.path("name").asText();
        }
        return path;
    }

    private FileSystem fileSystem(String mountpoint, JsonNode m, Map<String, String> lvPaths) throws IOException {
        String dev = canonical(m.path("source").asText());
        JsonNode n = byPath.get(dev);
        String type = m.path("fstype").asText();
        List<String> features = new ArrayList<>();
        Integer block = null;
        Integer inode = null;
        switch (type) {
            case "ext2", "ext3", "ext4" -> {
                String h = Command.of("dumpe2fs", "-h", dev).run();
                String f = field(h, "Filesystem features:");
                if (f != null) {
                    features.addAll(List.of(f.split("\\s+")));
                }
                String b = field(h, "Block size:");
                String i = field(h, "Inode size:");
                block = b == null ? null : Integer.valueOf(b);
                inode = i == null ? null : Integer.valueOf(i);
            }
            case "xfs" -> {
                // mounted: what xfs_info asks the kernel; not mounted (--layout-from): what it reads off the device
                String info = m.path("mounted").asBoolean(true)
                        ? Command.of("xfs_spaceman", "-p", "xfs_info", "-c", "info", m.path("target").asText()).run()
                        : Command.of("xfs_db", "-r", "-c", "info", dev).run();
                for (String key : List.of("crc", "finobt", "reflink", "rmapbt", "bigtime", "inobtcount", "sparse", "ftype")) {
                    java.util.regex.Matcher x = java.util.regex.Pattern.compile("\\b" + key + "=(\\d+)").matcher(info);
                    if (x.find()) {
                        features.add(key + "=" + x.group(1));
                    }
                }
                java.util.regex.Matcher bs = java.util.regex.Pattern.compile("data\\s+=\\s+bsize=(\\d+)").matcher(info);
                block = bs.find() ? Integer.valueOf(bs.group(1)) : null;
                java.util.regex.Matcher is = java.util.regex.Pattern.compile("isize=(\\d+)").matcher(info);
                inode = is.find() ? Integer.valueOf(is.group(1)) : null;
            }
            case "vfat" -> features.add(n != null && "FAT16".equals(text(n, "fsver")) ? "fat16" : n != null && "FAT12".equals(text(n, "fsver")) ? "fat12" : "fat32");
            default -> { }
        }
        return new FileSystem(named(dev, lvPaths), type, n == null ? null : text(n, "uuid"), n == null ? null : text(n, "label"),
                mountpoint, m.path("options").asText(), m.path("used").asLong(), m.path("size").asLong(), block, inode, features);
    }

    /** GRUB in a disk's first sector (BIOS), GRUB or systemd-boot on the ESP (UEFI), extlinux's configuration. */
    private BootLoader bootLoader(List<Disk> disks, List<FileSystem> fs) throws IOException {
        List<String> targets = new ArrayList<>();
        List<String> biosDisks = new ArrayList<>();
        for (Disk d : disks) {
            byte[] mbr = new byte[512];
            try (InputStream in = Files.newInputStream(Path.of(d.device()))) {
                int n = in.readNBytes(mbr, 0, 512);
                if (n == 512 && new String(mbr, StandardCharsets.ISO_8859_1).contains("GRUB")) {
                    biosDisks.add(d.device());
                }
            } catch (IOException e) {
                notes.add(d.device() + ": could not read its first sector (" + e.getMessage() + ")");
            }
        }
        if (!biosDisks.isEmpty()) {
            targets.add("i386-pc");
        }
        FileSystem esp = fs.stream().filter(f -> f.type().equals("vfat") && isEsp(disks, f.device())).findFirst().orElse(null);
        String id = null;
        String kind = biosDisks.isEmpty() ? null : "grub";
        if (esp != null) {
            Path efi = mountedAt(esp.mountpoint()).resolve("EFI");
            if (Files.isDirectory(efi)) {
                try (Stream<Path> dirs = Files.list(efi)) {
                    for (Path dir : dirs.sorted().toList()) {
                        String name = dir.getFileName().toString();
                        if (!name.equalsIgnoreCase("BOOT") && (Files.exists(dir.resolve("grubx64.efi")) || Files.exists(dir.resolve("shimx64.efi")))) {
                            id = name;
                            kind = "grub";
                            targets.add("x86_64-efi");
                            break;
                        }
                        if (name.equalsIgnoreCase("systemd") && Files.exists(dir.resolve("systemd-bootx64.efi"))) {
                            kind = "systemd-boot";
                        }
                    }
                }
            }
        }
        if (kind == null && (Files.exists(mountedAt("/").resolve("boot/extlinux/extlinux.conf"))
                || Files.exists(mountedAt("/").resolve("boot/syslinux/syslinux.cfg")))) {
            kind = "extlinux";
        }
        if (kind == null) {
            notes.add("no boot loader found (no GRUB in a disk's first sector, none on an ESP, no extlinux.conf): none will be installed at recovery");
            return new BootLoader("none", List.of(), List.of(), null, null);
        }
        return new BootLoader(kind, targets, biosDisks, esp == null ? null : esp.mountpoint(), id);
    }

    private boolean isEsp(List<Disk> disks, String device) {
        JsonNode n = byPath.get(device);
        return n != null && ESP_TYPE.equalsIgnoreCase(n.path("parttype").asText())
                || n != null && "0xef".equalsIgnoreCase(n.path("parttype").asText());
    }

    private Path mountedAt(String mountpoint) {
        return mountpoint.equals("/") ? root : root.resolve(mountpoint.substring(1));
    }

    private String cmdline() throws IOException {
        if (!root.equals(Path.of("/"))) {
            return null;
        }
        return Files.readString(Path.of("/proc/cmdline")).strip();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
    }
}
