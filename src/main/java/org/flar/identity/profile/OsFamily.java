package org.flar.identity.profile;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import org.flar.fs.Beneath;
import org.flar.fs.UnsafePathException;

/**
 * Which built-in profile a root needs: {@code linux} when it has an os-release file
 * ({@link OsRelease}), {@code solaris} for a Solaris or illumos root (os-release naming one, or
 * Solaris' own markers: etc/release with etc/vfstab), null for a tree that is not an OS root.
 */
public final class OsFamily {
    private static final Set<String> SOLARIS_IDS = Set.of("solaris", "illumos", "openindiana", "omnios", "smartos");

    private OsFamily() {
    }

    public static String detect(Path root) throws IOException {
        try (Beneath beneath = Beneath.open(root)) {
            OsRelease osRelease = OsRelease.read(beneath);
            if (osRelease != null) {
                return SOLARIS_IDS.contains(osRelease.id()) ? "solaris" : "linux";
            }
            if (OsRelease.isRegularFile(beneath, "etc/release") && OsRelease.isRegularFile(beneath, "etc/vfstab")) {
                return "solaris";
            }
            return null;
        } catch (NoSuchFileException | UnsafePathException notADirectory) {
            return null;
        }
    }
}
