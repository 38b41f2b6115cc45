package org.flar.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A profile (docs/install-server.md): what a machine matched to it installs. One keyword and
 * its value(s) per line, as a JumpStart profile:
 *
 * @param archives the chain in order: a full archive and differentials (archive_location, repeated)
 * @param recovery install_type recovery (the archive's own identity) rather than clone
 * @param layout   "archive" (the layout the archive recorded) or "default" (flar's default layout)
 * @param disks    the disks to lay out, in order (disk, repeated; "rootdisk" = the first disk found)
 * @param sysidcfg a sysidcfg template, or null (a clone without one keeps the clone defaults)
 * @param hosts    the CSV of per-host values for the template, or null
 * @param halt     halt at the end rather than reboot
 */
public record InstallProfile(Path file, List<String> archives, boolean recovery, String layout, List<String> disks,
                             Path sysidcfg, Path hosts, boolean halt) {

    public static InstallProfile parse(Path file) throws IOException {
        String name = file.toString();
        List<String> archives = new ArrayList<>();
        List<String> disks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Boolean recovery = null;
        String layout = "archive";
        Path sysidcfg = null;
        Path hosts = null;
        boolean halt = false;
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
        for (int n = 1; n <= lines.length; n++) {
            Words w = Words.of(lines[n - 1]);
            if (w.isEmpty()) {
                continue;
            }
            String key = w.get(0);
            if (w.size() != 2) {
                throw new InstallSyntaxException(name, n, w.size() < 2 ? w.column(0) + key.length() : w.column(2),
                        w.size() < 2 ? "'" + key + "' needs a value" : "one value per line for '" + key + "'");
            }
            String v = w.get(1);
            int col = w.column(1);
            if (!key.equals("archive_location") && !key.equals("disk") && !seen.add(key)) {
                throw new InstallSyntaxException(name, n, w.column(0), "'" + key + "' given twice");
            }
            switch (key) {
                case "archive_location" -> archives.add(v);
                case "install_type" -> recovery = switch (v) {
                    case "clone" -> false;
                    case "recovery" -> true;
                    default -> throw new InstallSyntaxException(name, n, col, "install_type is clone or recovery, not '" + v + "'");
                };
                case "layout" -> {
                    if (!v.equals("archive") && !v.equals("default")) {
                        throw new InstallSyntaxException(name, n, col, "layout is archive or default, not '" + v + "'");
                    }
                    layout = v;
                }
                case "disk" -> disks.add(v);
                case "sysidcfg" -> sysidcfg = relative(file, v);
                case "hosts" -> hosts = relative(file, v);
                case "end" -> halt = switch (v) {
                    case "reboot" -> false;
                    case "halt" -> true;
                    default -> throw new InstallSyntaxException(name, n, col, "end is reboot or halt, not '" + v + "'");
                };
                default -> throw new InstallSyntaxException(name, n, w.column(0), "unknown profile keyword '" + key
                        + "' (archive_location, install_type, layout, disk, sysidcfg, hosts, end)");
            }
        }
        if (archives.isEmpty()) {
            throw new InstallSyntaxException(name, lines.length, 1, "no archive_location: a profile installs at least one archive");
        }
        if (recovery == null) {
            throw new InstallSyntaxException(name, lines.length, 1, "no install_type (clone or recovery)");
        }
        if (hosts != null && sysidcfg == null) {
            throw new InstallSyntaxException(name, lines.length, 1, "hosts without a sysidcfg template to fill in");
        }
        if (disks.isEmpty()) {
            disks.add("rootdisk");
        }
        return new InstallProfile(file, List.copyOf(archives), recovery, layout, List.copyOf(disks), sysidcfg, hosts, halt);
    }

    /** Files a profile names are relative to the profile's directory. */
    private static Path relative(Path profile, String name) {
        Path p = Path.of(name);
        Path dir = profile.toAbsolutePath().getParent();
        return p.isAbsolute() || dir == null ? p : dir.resolve(p);
    }
}
