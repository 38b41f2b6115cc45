package org.flar.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flar.layout.Layout.LogicalVolume;
import org.flar.layout.Layout.VolumeGroup;

/**
 * The recorded UUIDs of a volume group and its logical volumes, put back into what LVM made.
 * {@code vgcreate} and {@code lvcreate} cannot be given a UUID, so the group is made as usual
 * (LVM chooses where every extent goes), then its metadata is backed up, the ids in that text
 * replaced with the recorded ones, and the text restored with {@code vgcfgrestore}: everything
 * but the ids stays as LVM wrote it. Tools that name volumes by UUID (a {@code lvm.conf} filter,
 * a monitoring agent, {@code /dev/disk/by-id/dm-uuid-LVM-...}) find them again.
 */
final class LvmIds {
    /** LVM's own alphabet (lib/uuid/uuid.c), 32 characters, with or without its dashes. */
    static final Pattern UUID = Pattern.compile("[A-Za-z0-9!#]{6}(-?[A-Za-z0-9!#]{4}){5}-?[A-Za-z0-9!#]{6}");
    private static final Pattern OPEN = Pattern.compile("^\\s*([A-Za-z0-9_.+-]+)\\s*\\{\\s*$");
    private static final Pattern CLOSE = Pattern.compile("^\\s*}\\s*$");
    private static final Pattern ID = Pattern.compile("^(\\s*id\\s*=\\s*\")[^\"]*(\".*)$");

    private LvmIds() {
    }

    /** Whether the layout recorded ids for this group to keep. */
    static boolean recorded(VolumeGroup vg) {
        return vg.uuid() != null || vg.lvs().stream().anyMatch(lv -> lv.uuid() != null);
    }

    /** What {@link #restore} runs, for the plan; the ids are rewritten between the first and the second command. */
    static List<Command> commands(VolumeGroup vg, Path file) {
        String config = StoragePlan.LVM_CONFIG;
        return List.of(Command.of("lvm", "vgcfgbackup", "--config", config, "-f", file.toString(), vg.name()),
                Command.of("lvm", "vgchange", "--config", config, "-an", vg.name()),
                Command.of("lvm", "vgcfgrestore", "--config", config, "-f", file.toString(), vg.name()),
                Command.of("lvm", "vgchange", "--config", config, "-ay", vg.name()));
    }

    /** Backs the group's metadata up, puts the recorded ids in, restores it, and activates the group again. */
    static void restore(VolumeGroup vg) throws IOException {
        Path file = Files.createTempFile("flar-lvm-" + vg.name() + "-", ".vg");
        try {
            List<Command> c = commands(vg, file);
            c.get(0).run();
            String made = Files.readString(file, StandardCharsets.UTF_8);
            Files.writeString(file, rewrite(made, vg), StandardCharsets.UTF_8);
            for (Command next : c.subList(1, c.size())) {
                next.run();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The metadata text with the group's id and its volumes' ids replaced by the recorded ones
     * (those recorded; the others left as LVM chose them). Fails when the text does not hold the
     * group, or a recorded volume is not in it: a restore of something else must not happen.
     */
    static String rewrite(String metadata, VolumeGroup vg) throws LayoutException {
        Map<String, String> lvIds = new HashMap<>();
        for (LogicalVolume lv : vg.lvs()) {
            if (lv.uuid() != null) {
                lvIds.put(lv.name(), lv.uuid());
            }
        }
        Deque<String> sections = new ArrayDeque<>();
        List<String> out = new ArrayList<>();
        boolean vgSeen = false;
        Map<String, Boolean> lvSeen = new HashMap<>();
        for (String line : metadata.split("\n", -1)) {
            Matcher open = OPEN.matcher(line);
            Matcher id = ID.matcher(line);
            if (open.matches()) {
                sections.addLast(open.group(1));
            } else if (CLOSE.matcher(line).matches()) {
                sections.pollLast();
            } else if (id.matches()) {
                List<String> path = List.copyOf(sections);
                String wanted = null;
                if (path.equals(List.of(vg.name()))) {
                    vgSeen = true;
                    wanted = vg.uuid();
                } else if (path.size() == 3 && path.get(0).equals(vg.name()) && path.get(1).equals("logical_volumes")) {
                    lvSeen.put(path.get(2), true);
                    wanted = lvIds.get(path.get(2));
                }
                if (wanted != null) {
                    line = id.group(1) + wanted + id.group(2);
                }
            }
            out.add(line);
        }
        if (!vgSeen) {
            throw new LayoutException(vg.name() + ": LVM's metadata backup does not hold the volume group; its UUIDs were not restored");
        }
        for (String lv : lvIds.keySet()) {
            if (!lvSeen.containsKey(lv)) {
                throw new LayoutException(vg.name() + "/" + lv + ": not in LVM's metadata backup; its UUID was not restored");
            }
        }
        return String.join("\n", out);
    }
}
