package org.flar.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A disk of the machine flar runs on, as {@code lsblk} sees it, with why it may not be written:
 * it holds a flar volume (the media being restored from) or a mounted file system.
 *
 * @param busy why the disk must not be touched, or null
 */
public record PresentDisk(String device, long size, int sectorSize, String serial, String wwn, String model, String busy) {

    /** The machine's disks and loop devices ({@code lsblk}; ram, zram, optical and zero-sized ones left out). */
    public static List<PresentDisk> probe() throws IOException {
        return probe(null);
    }

    /** @param ours mounts at or under this directory are a recovery's own (an earlier attempt's), not a reason to refuse */
    public static List<PresentDisk> probe(java.nio.file.Path ours) throws IOException {
        String json = Command.of("lsblk", "-J", "-b", "-o",
                "NAME,PATH,TYPE,SIZE,LOG-SEC,SERIAL,WWN,MODEL,RO,FSTYPE,LABEL,MOUNTPOINTS").run();
        return parse(new ObjectMapper().readTree(json), ours == null ? null : ours.toAbsolutePath().normalize().toString());
    }

    static List<PresentDisk> parse(JsonNode lsblk, String ours) {
        List<PresentDisk> disks = new ArrayList<>();
        for (JsonNode d : lsblk.path("blockdevices")) {
            String type = d.path("type").asText();
            if (!type.equals("disk") && !type.equals("loop") || d.path("size").asLong() == 0
                    || d.path("name").asText().startsWith("zram")) {
                continue;
            }
            String busy = busy(d, ours);
            if (busy == null && d.path("ro").asBoolean()) {
                busy = "it is read-only";
            }
            disks.add(new PresentDisk(d.path("path").asText(), d.path("size").asLong(), d.path("log-sec").asInt(512),
                    text(d, "serial"), text(d, "wwn"), text(d, "model"), busy));
        }
        return disks;
    }

    /** Whether this disk, or anything on or above it, is a flar volume or mounted. */
    private static String busy(JsonNode node, String ours) {
        String label = node.path("label").asText("");
        if (label.isEmpty()) {
            label = Blkid.probe(node.path("path").asText()).getOrDefault("LABEL", "");
        }
        if (label.startsWith("FLAR_")) {
            return "it holds the flar volume " + label;
        }
        for (JsonNode m : node.path("mountpoints")) {
            String at = m.isNull() ? "" : m.asText();
            if (!at.isEmpty() && !(ours != null && (at.equals(ours) || at.startsWith(ours + "/")))) {
                return node.path("path").asText() + " is mounted on " + m.asText();
            }
        }
        for (JsonNode child : node.path("children")) {
            String b = busy(child, ours);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
    }

    /** "/dev/vdb 8.0 GiB QEMU HARDDISK serial X". */
    public String describe() {
        StringBuilder b = new StringBuilder(device).append("  ").append(Sizes.human(size));
        if (model != null) {
            b.append("  ").append(model);
        }
        if (serial != null) {
            b.append("  serial ").append(serial);
        }
        return b.toString();
    }
}
