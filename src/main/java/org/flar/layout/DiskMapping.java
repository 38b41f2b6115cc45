package org.flar.layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flar.layout.Layout.Disk;

/**
 * Which present disk each recorded disk becomes: named ones first ({@code --disk OLD=NEW}, or
 * {@code flar.auto=DISK,...} in the recorded disks' order), then by serial or WWN, then by an
 * equal size when exactly one free disk has it. Disks matched by size only are never taken
 * without being named when several could be meant (rear/rear#1271: the wrong disk overwritten).
 * A disk holding the media or a mounted file system is never chosen.
 */
public final class DiskMapping {
    /** @param how "named", "serial", "wwn", "size" or "only disk" */
    public record Match(Disk recorded, PresentDisk present, String how) {
    }

    private DiskMapping() {
    }

    /**
     * @param named   recorded device → present device, given by the operator
     * @param inOrder present devices for the recorded disks in order (flar.auto), or empty
     */
    public static List<Match> map(List<Disk> recorded, List<PresentDisk> present, Map<String, String> named,
            List<String> inOrder) throws LayoutException {
        if (!inOrder.isEmpty() && inOrder.size() != recorded.size()) {
            throw new LayoutException("the layout has " + recorded.size() + " disk(s) (" + devices(recorded)
                    + ") but " + inOrder.size() + " target disk(s) were named (" + String.join(",", inOrder) + ")");
        }
        Map<String, String> wanted = new LinkedHashMap<>(named);
        for (int i = 0; i < inOrder.size(); i++) {
            wanted.putIfAbsent(recorded.get(i).device(), inOrder.get(i));
        }
        for (String old : wanted.keySet()) {
            if (recorded.stream().noneMatch(d -> d.device().equals(old))) {
                throw new LayoutException("--disk " + old + "=...: the layout has no disk " + old + " (it has " + devices(recorded) + ")");
            }
        }
        List<Match> matches = new ArrayList<>();
        List<PresentDisk> free = new ArrayList<>(present);
        List<Disk> open = new ArrayList<>();
        for (Disk d : recorded) {
            String target = wanted.get(d.device());
            if (target == null) {
                open.add(d);
                continue;
            }
            PresentDisk p = free.stream().filter(x -> x.device().equals(target)).findFirst()
                    .orElseThrow(() -> new LayoutException(target + ": no such disk here, or named twice (disks: "
                            + String.join(", ", present.stream().map(PresentDisk::device).toList()) + ")"));
            matches.add(usable(new Match(d, p, "named")));
            free.remove(p);
        }
        List<Disk> stillOpen = new ArrayList<>();
        for (Disk d : open) {
            PresentDisk p = byId(d, free);
            if (p != null) {
                matches.add(usable(new Match(d, p, Objects.equals(d.serial(), p.serial()) && d.serial() != null ? "serial" : "wwn")));
                free.remove(p);
            } else {
                stillOpen.add(d);
            }
        }
        List<PresentDisk> candidates = free.stream().filter(p -> p.busy() == null).toList();
        for (Disk d : stillOpen) {
            List<PresentDisk> same = candidates.stream().filter(p -> p.size() == d.size() && !taken(matches, p)).toList();
            if (same.size() == 1 && stillOpen.size() == 1 && candidates.size() == 1) {
                matches.add(new Match(d, same.getFirst(), "only disk"));
            } else if (same.size() == 1) {
                matches.add(new Match(d, same.getFirst(), "size"));
            } else if (stillOpen.size() == 1 && candidates.size() == 1) {
                matches.add(new Match(d, candidates.getFirst(), "only disk"));
            } else {
                throw new LayoutException(d.device() + " (" + Sizes.human(d.size()) + "): "
                        + (same.isEmpty() ? "no free disk of its size" : same.size() + " free disks of its size")
                        + " among " + describe(candidates) + "; name the target with --disk " + d.device()
                        + "=DISK (flar.auto=DISK,... in the rescue system)");
            }
        }
        matches.sort((a, b) -> Integer.compare(recorded.indexOf(a.recorded()), recorded.indexOf(b.recorded())));
        return matches;
    }

    private static boolean taken(List<Match> matches, PresentDisk p) {
        return matches.stream().anyMatch(m -> m.present().equals(p));
    }

    private static PresentDisk byId(Disk d, List<PresentDisk> free) {
        for (PresentDisk p : free) {
            if (d.serial() != null && d.serial().equals(p.serial()) || d.wwn() != null && d.wwn().equals(p.wwn())) {
                return p;
            }
        }
        return null;
    }

    private static Match usable(Match m) throws LayoutException {
        if (m.present().busy() != null) {
            throw new LayoutException(m.present().device() + ": will not be written: " + m.present().busy());
        }
        return m;
    }

    private static String devices(List<Disk> disks) {
        return String.join(", ", disks.stream().map(Disk::device).toList());
    }

    private static String describe(List<PresentDisk> disks) {
        return disks.isEmpty() ? "no free disks" : String.join(", ", disks.stream().map(p -> p.device() + " " + Sizes.human(p.size())).toList());
    }
}
