package org.flar.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
        for (String f : new String[] {"etc/os-release", "usr/lib/os-release"}) {
            Path p = root.resolve(f);
            // os-release is often a relative link (etc/os-release -> ../usr/lib/os-release): read it only as a file.
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                return SOLARIS_IDS.contains(id(p)) ? "solaris" : "linux";
            }
        }
        if (Files.isRegularFile(root.resolve("etc/release"), LinkOption.NOFOLLOW_LINKS)
                && Files.isRegularFile(root.resolve("etc/vfstab"), LinkOption.NOFOLLOW_LINKS)) {
            return "solaris";
        }
        return null;
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
