package org.flar.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A root's file systems as its own fstab names them, for a root that is not mounted from its
 * disks ({@code flar create --layout-from}): each entry shaped as {@code findmnt -J} would show
 * it, so the probe records it as it records a mount. What a file system holds, which a smaller
 * disk's shrink needs, comes from the kernel when the device is mounted elsewhere and otherwise
 * from its superblock ({@code dumpe2fs -h}, {@code xfs_db -r}); FAT's is not in its superblock,
 * so a FAT file system counts as full and is never shrunk.
 */
final class FstabMounts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FSTAB_LIMIT = 1 << 20;

    private FstabMounts() {
    }

    /**
     * @param disks     the disks to record: fstab entries elsewhere are noted and left out
     * @param canonical a device name as lsblk's path for it
     * @param disksOf   the disks a device lies on
     * @param lsblk     lsblk's rows by path
     * @return by mount point ("/", "/var"), in fstab order
     */
    static Map<String, JsonNode> on(Path root, Set<String> disks, Function<String, String> canonical,
            Function<String, Set<String>> disksOf, Map<String, JsonNode> lsblk, List<String> notes) throws IOException {
        Path fstab = root.resolve("etc/fstab");
        if (!Files.isRegularFile(fstab) || Files.isSymbolicLink(fstab) || Files.size(fstab) > FSTAB_LIMIT) {
            throw new LayoutException(fstab + ": no fstab to tell which file systems of the disks are mounted where"
                    + " (a regular file under 1 MiB)");
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(fstab, StandardCharsets.UTF_8)) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 3 || f[0].startsWith("#") || f[2].equals("swap") || !f[1].startsWith("/")) {
                continue;
            }
            String spec = f[0];
            String found = spec.startsWith("/dev/") ? spec : Blkid.device(spec);
            String dev = found == null || found.isBlank() ? null : canonical.apply(found);
            if (dev == null || !lsblk.containsKey(dev) || Collections.disjoint(disks, disksOf.apply(dev))) {
                if (LayoutCheck.FILE_SYSTEMS.contains(f[2]) || f[2].equals("auto")) {
                    notes.add("fstab: " + spec + " for " + f[1] + " is not on " + String.join(", ", disks) + ": not recorded");
                }
                continue;
            }
            JsonNode row = lsblk.get(dev);
            String type = row.path("fstype").asText(f[2]);
            if (!LayoutCheck.FILE_SYSTEMS.contains(type)) {
                notes.add(f[1] + ": " + type + " is not a file system flar recreates; not recorded");
                continue;
            }
            String mountpoint = Path.of(f[1]).normalize().toString();
            ObjectNode m = JSON.createObjectNode();
            m.put("target", mountpoint.equals("/") ? root.toString() : root.resolve(mountpoint.substring(1)).toString());
            m.put("source", dev);
            m.put("fstype", type);
            m.put("options", f.length > 3 ? f[3] : "defaults");
            m.put("mounted", false);
            usage(dev, type, row, m);
            out.putIfAbsent(mountpoint, m);
        }
        return out;
    }

    /** Sets "used" and "size" in bytes. */
    private static void usage(String dev, String type, JsonNode row, ObjectNode m) throws IOException {
        String shown;
        try {
            shown = Command.of("findmnt", "-J", "-b", "-S", dev, "-o", "USED,SIZE").run();
        } catch (IOException notMounted) { // findmnt's exit 1
            shown = "{}";
        }
        JsonNode mounted = JSON.readTree(shown).path("filesystems").path(0);
        if (mounted.path("size").asLong() > 0) {
            m.put("used", mounted.path("used").asLong());
            m.put("size", mounted.path("size").asLong());
            return;
        }
        long size = row.path("size").asLong();
        long used = size;
        switch (type) {
            case "ext2", "ext3", "ext4" -> {
                String h = Command.of("dumpe2fs", "-h", dev).run();
                long bs = number(dev, h, "Block size:\\s+(\\d+)");
                long count = number(dev, h, "Block count:\\s+(\\d+)");
                size = bs * count;
                used = bs * (count - number(dev, h, "Free blocks:\\s+(\\d+)"));
            }
            case "xfs" -> {
                String sb = Command.of("xfs_db", "-r", "-c", "sb 0", "-c", "print dblocks fdblocks blocksize", dev).run();
                long bs = number(dev, sb, "blocksize = (\\d+)");
                long count = number(dev, sb, "dblocks = (\\d+)");
                size = bs * count;
                used = bs * (count - number(dev, sb, "fdblocks = (\\d+)"));
            }
            default -> { } // vfat: counted as full
        }
        m.put("used", used);
        m.put("size", size);
    }

    private static long number(String dev, String text, String regex) throws LayoutException {
        Matcher x = Pattern.compile(regex).matcher(text);
        if (!x.find()) {
            String field = regex.substring(0, regex.indexOf(regex.contains(":") ? ':' : ' '));
            throw new LayoutException(dev + ": its superblock shows no " + field + "; what it holds cannot be told");
        }
        return Long.parseLong(x.group(1));
    }
}
