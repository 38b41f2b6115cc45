package org.flar.rescue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A trimmed Java runtime for the rescue system: {@code jlink} from the JDK that runs flar, with
 * only the modules {@code jdeps} finds in flar's class path (plus the few it cannot see).
 */
final class JavaRuntime {
    /**
     * Loaded by name at run time, so jdeps cannot see them: jdk.unsupported (sun.misc.Unsafe for
     * zstd-jni and Jackson), jdk.zipfs, and the charsets for file names that are not UTF-8.
     */
    private static final List<String> ALWAYS = List.of("java.base", "jdk.unsupported", "jdk.zipfs", "jdk.charsets");

    /**
     * Jackson's optional extras (java.beans annotations, java.sql dates) make jdeps report these, but
     * jackson-databind's module-info only {@code requires static} them and flar uses neither: leaving
     * them out saves about 15 MB of AWT and XML.
     */
    private static final Set<String> NOT_NEEDED = Set.of("java.desktop", "java.sql");

    private JavaRuntime() {
    }

    /** The modules flar needs, as a sorted comma list. */
    static String modules(Path jdk, List<Path> classpath) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(jdk.resolve("bin/jdeps").toString(), "--print-module-deps",
                "--ignore-missing-deps", "--multi-release", Integer.toString(Runtime.version().feature())));
        classpath.forEach(p -> cmd.add(p.toString()));
        TreeSet<String> modules = new TreeSet<>(ALWAYS);
        for (String m : Run.output(null, cmd).strip().split(",")) {
            if (!m.isBlank() && !NOT_NEEDED.contains(m.strip())) {
                modules.add(m.strip());
            }
        }
        return String.join(",", modules);
    }

    /** Writes the runtime image to {@code out} (must not exist). */
    static void link(Path jdk, String modules, Path out) throws IOException {
        Run.run(null, jdk.resolve("bin/jlink").toString(), "--add-modules", modules, "--output", out.toString(),
                "--strip-debug", "--no-man-pages", "--no-header-files", "--compress", "zip-6",
                // class data sharing: the JVM starts in a fraction of the time, which counts on slow rescue hardware
                "--generate-cds-archive");
        // the archive for heaps over 32 GB (no compressed oops): never used with the rescue's 256 MB heap
        java.nio.file.Files.deleteIfExists(out.resolve("lib/server/classes_nocoops.jsa"));
    }
}
