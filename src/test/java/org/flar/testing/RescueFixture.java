package org.flar.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.rescue.RescueBuilder;
import org.flar.rescue.RescueSystem;

/**
 * The rescue system for boot tests, built once per JVM into a cache kept between runs
 * ({@code /var/cache/flar-test/rescue}; a second run with the same flar reuses it).
 */
public final class RescueFixture {
    public static final Path CACHE = Path.of("/var/cache/flar-test/rescue");
    private static RescueSystem built;

    private RescueFixture() {
    }

    public static synchronized RescueSystem system() {
        Tools.requireRoot();
        for (String tool : List.of("busybox", "cpio", "sfdisk", "mkfs.vfat", "grub-install", "grub-mkrescue",
                "mformat", "xorriso")) {
            Tools.requireTool(tool);
        }
        if (built == null) {
            try {
                built = new RescueBuilder(CACHE, flarClasspath(), Path.of(System.getProperty("java.home")),
                        line -> System.err.println("rescue build: " + line)).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return built;
    }

    /** flar's main classes and its runtime dependencies from the test class path (not JUnit and friends). */
    public static List<Path> flarClasspath() {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e).toAbsolutePath();
            String name = p.getFileName().toString();
            if (p.endsWith(Path.of("target", "classes")) || name.startsWith("picocli-") || name.startsWith("zstd-jni-")
                    || name.startsWith("xz-") || name.startsWith("jackson-")) {
                out.add(p);
            }
        }
        return out;
    }
}
