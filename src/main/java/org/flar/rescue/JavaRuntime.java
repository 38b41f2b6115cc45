package org.flar.rescue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A trimmed Java runtime for the rescue system and the Debian package: {@code jlink} from the JDK
 * that runs flar, with only the modules {@code jdeps} finds in flar's class path (plus the few it
 * cannot see). An installed flar runs on such a runtime, which has no jlink (a runtime image cannot
 * link one that holds jdk.jlink): it is itself what the rescue system needs, and is copied.
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

    /**
     * The package build (src/deb/files): {@code java -cp flar.jar org.flar.rescue.JavaRuntime OUT}
     * links the runtime for the running class path into OUT.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: JavaRuntime OUTPUT-DIRECTORY");
        }
        Path jdk = Path.of(System.getProperty("java.home"));
        link(jdk, modules(jdk, RescueBuilder.runningClasspath()), Path.of(args[0]));
    }

    /** Whether {@code jdk} can link a runtime: a JDK can, the runtime a package carries cannot. */
    static boolean canLink(Path jdk) {
        return java.nio.file.Files.isExecutable(jdk.resolve("bin/jlink"));
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

    /** The modules of the runtime image {@code jdk}, from its release file, as a comma list. */
    static String modulesOf(Path jdk) throws IOException {
        for (String line : java.nio.file.Files.readAllLines(jdk.resolve("release"))) {
            if (line.startsWith("MODULES=")) {
                return String.join(",", line.substring("MODULES=".length()).replace("\"", "").strip().split(" +"));
            }
        }
        throw new IOException(jdk.resolve("release") + ": no MODULES line");
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
