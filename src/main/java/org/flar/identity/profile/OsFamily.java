package org.flar.identity.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import org.flar.fs.Beneath;
import org.flar.fs.UnsafePathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Which built-in profile a root needs: {@code linux} when it has an os-release file,
 * {@code solaris} for a Solaris or illumos root (os-release naming one, or Solaris' own
 * markers: etc/release with etc/vfstab), null for a tree that is not an OS root.
 */
public final class OsFamily {
    private static final Set<String> SOLARIS_IDS = Set.of("solaris", "illumos", "openindiana", "omnios", "smartos");

    private OsFamily() {
    }

    public static String detect(Path root) throws IOException {
        try (Beneath beneath = Beneath.open(root)) {
            for (String f : new String[] {"etc/os-release", "usr/lib/os-release"}) {
                // os-release is often a relative link (etc/os-release -> ../usr/lib/os-release): read it only as a file.
                if (isFile(beneath, f)) {
                    return SOLARIS_IDS.contains(id(beneath.resolve(f))) ? "solaris" : "linux";
                }
            }
            if (isFile(beneath, "etc/release") && isFile(beneath, "etc/vfstab")) {
                return "solaris";
            }
            return null;
        } catch (NoSuchFileException | UnsafePathException notADirectory) {
            return null;
        }
    }

    /** A regular file reached through real directories of the root only: a linked etc is not this root's. */
    private static boolean isFile(Beneath root, String rel) throws IOException {
        try {
            return Files.isRegularFile(root.resolve(rel), LinkOption.NOFOLLOW_LINKS);
        } catch (UnsafePathException linked) {
            return false;
        }
    }

    private static String id(Path osRelease) throws IOException {
        for (String line : Files.readAllLines(osRelease, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("ID=")) {
                return line.substring(3).replace("\"", "").replace("'", "").strip().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "";
    }
}
