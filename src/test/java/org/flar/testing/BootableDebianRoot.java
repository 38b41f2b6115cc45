package org.flar.testing;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A Debian root that boots by itself: {@code debootstrap --variant=minbase
 * --include=linux-image-amd64,systemd-sysv bookworm}, root password {@code flar}, built once by
 * {@code scripts/test} and cached (about 800 MB). Read-only by convention: the boot tests capture
 * it, they never change it.
 */
public final class BootableDebianRoot {
    public static final Path DEFAULT = Path.of("/var/cache/flar-test/bookworm-bootable");

    private BootableDebianRoot() {
    }

    /** {@code $FLAR_TEST_BOOTABLE_ROOT}, else {@link #DEFAULT}; skipped when missing, failed under CI. */
    public static Path cached() {
        String env = System.getenv("FLAR_TEST_BOOTABLE_ROOT");
        Path root = env == null || env.isBlank() ? DEFAULT : Path.of(env);
        if (!hasKernel(root) || !Files.isRegularFile(root.resolve("var/lib/dpkg/status"))) {
            String why = "no bootable debootstrap root (with a kernel in /boot) at " + root
                    + "; ./scripts/test as root builds it";
            if (Tools.inCi()) {
                throw new AssertionError("CI must have the bootable Debian test root: " + why);
            }
            abort(why);
        }
        return root;
    }

    private static boolean hasKernel(Path root) {
        try (Stream<Path> boot = Files.list(root.resolve("boot"))) {
            return boot.anyMatch(p -> p.getFileName().toString().startsWith("vmlinuz-"));
        } catch (IOException e) {
            return false;
        } catch (UncheckedIOException e) {
            return false;
        }
    }
}
