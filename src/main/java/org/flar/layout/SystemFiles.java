package org.flar.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.flar.fs.Beneath;
import org.flar.layout.Layout.Crypt;
import org.flar.layout.Layout.FileSystem;
import org.flar.layout.Layout.Swap;

/**
 * The files that tie a system to its storage, written for a layout the system did not have
 * (given by hand, or flar's default): fstab by UUID, crypttab, mdadm.conf. The system's own are
 * kept beside them as {@code NAME.before-flar-restore}. A recovery onto its recorded layout writes
 * none of these: the UUIDs are the recorded ones, so the machine's own files stay valid.
 */
public final class SystemFiles {
    static final String KEPT = ".before-flar-restore";

    private SystemFiles() {
    }

    /** @return the files written, as paths of the restored system */
    public static List<String> write(Layout layout, Path root, String source) throws IOException {
        List<String> written = new ArrayList<>();
        StringBuilder fstab = new StringBuilder("# written by flar recover for the layout of " + source
                + "; the system's own is /etc/fstab" + KEPT + " if it had one\n");
        for (FileSystem f : TargetMounts.inMountOrder(layout.fileSystems())) {
            String options = f.options() != null ? f.options() : switch (f.type()) {
                case "vfat" -> "umask=0077";
                case "ext2", "ext3", "ext4" -> f.mountpoint().equals("/") ? "errors=remount-ro" : "defaults";
                default -> "defaults";
            };
            int pass = f.type().equals("xfs") ? 0 : f.mountpoint().equals("/") ? 1 : 2;
            fstab.append(spec(f.uuid(), f.device())).append("  ").append(f.mountpoint()).append("  ").append(f.type())
                    .append("  ").append(options).append("  0 ").append(pass).append('\n');
        }
        for (Swap s : layout.swaps()) {
            fstab.append(spec(s.uuid(), s.device())).append("  none  swap  sw  0 0\n");
        }
        replace(root, "etc/fstab", fstab.toString());
        written.add("/etc/fstab");
        if (!layout.crypts().isEmpty()) {
            StringBuilder crypttab = new StringBuilder("# written by flar recover\n");
            for (Crypt c : layout.crypts()) {
                crypttab.append(c.name()).append("  ").append(spec(c.uuid(), c.device())).append("  none  luks\n");
            }
            replace(root, "etc/crypttab", crypttab.toString());
            written.add("/etc/crypttab");
        }
        if (!layout.raids().isEmpty()) {
            String scan = Command.of("mdadm", "--detail", "--scan").run();
            replace(root, "etc/mdadm/mdadm.conf", "# written by flar recover (mdadm --detail --scan)\nHOMEHOST <system>\n"
                    + "MAILADDR root\n" + scan);
            written.add("/etc/mdadm/mdadm.conf");
        }
        return written;
    }

    private static String spec(String uuid, String device) {
        return uuid != null ? "UUID=" + uuid : device;
    }

    /**
     * Writes {@code rel} under {@code root}, never through a link the archive planted. An old file
     * with entries is kept beside it; one of comments only (Debian's "UNCONFIGURED FSTAB") is
     * overwritten in place, so its directory stays as the archive made it.
     */
    static void replace(Path root, String rel, String content) throws IOException {
        try (Beneath beneath = Beneath.open(root)) {
            beneath.makeDirectories(rel.substring(0, rel.lastIndexOf('/')), 0755);
            Path p = beneath.resolve(rel);
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !hasEntries(p)) {
                Files.writeString(p, content, StandardCharsets.UTF_8, LinkOption.NOFOLLOW_LINKS,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                return;
            }
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(p, beneath.resolve(rel + KEPT), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(p, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    private static boolean hasEntries(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream().map(String::strip)
                .anyMatch(l -> !l.isEmpty() && !l.startsWith("#"));
    }
}
