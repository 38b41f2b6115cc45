package org.flar.rescue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.flar.fs.FileTrees;

/**
 * Builds the rescue system from this machine's Debian packages (docs/rescue.md): the kernel,
 * and one initramfs holding the tree {@link RescueTree} assembles, packed by
 * {@link InitramfsPacker}; kept in a {@link RescueCache} keyed by everything that goes in
 * (flar's class path, the init script, the kernel, the JDK), so a second build of the same flar
 * is instant.
 */
public final class RescueBuilder {
    public static final Path DEFAULT_CACHE = Path.of("/var/cache/flar/rescue");

    /** Bumped when the layout of the initramfs changes, so old cache entries are not reused. */
    private static final String LAYOUT = "2";

    private final RescueCache cache;
    private final List<Path> classpath;
    private final Path jdk;
    private final Consumer<String> log;

    /**
     * @param cacheRoot where builds and the downloaded kernel are kept
     * @param classpath flar's jar(s) and dependency jars (or class directories) to put in the rescue system
     * @param jdk       the JDK whose jlink and jdeps make the runtime (its feature version runs flar)
     * @param log       one line per step, for a user watching
     */
    /** flar rescue build's own: the default cache, this flar's class path and the running JDK. */
    public static RescueBuilder standard(Consumer<String> log) throws IOException {
        return new RescueBuilder(DEFAULT_CACHE, runningClasspath(), Path.of(System.getProperty("java.home")), log);
    }

    public RescueBuilder(Path cacheRoot, List<Path> classpath, Path jdk, Consumer<String> log) {
        this.cache = new RescueCache(cacheRoot);
        this.classpath = List.copyOf(classpath);
        this.jdk = jdk;
        this.log = log;
    }

    /** The class path of the running flar: its own jar when run as {@code java -jar flar.jar}. */
    public static List<Path> runningClasspath() {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!e.isBlank()) {
                out.add(Path.of(e).toAbsolutePath());
            }
        }
        return out;
    }

    /** The cached build for this flar, kernel and JDK, built first when there is none. */
    public RescueSystem build() throws IOException {
        Kernel kernel = Kernel.find(cache.kernels());
        String key = "flar-" + org.flar.Version.VERSION + "-" + kernel.version() + "-" + RescueCache.key(
                LAYOUT + "\0" + kernel.version() + "\0" + Files.size(kernel.image()) + "\0" + Runtime.version()
                        + "\0" + jdk.toRealPath(), resource("init"), classpath);
        if (cache.has(key)) {
            log.accept("rescue system from the cache: " + key);
        }
        return cache.get(key, work -> build(kernel, work));
    }

    private RescueSystem build(Kernel kernel, Path work) throws IOException {
        Path root = Files.createDirectories(work.resolve("root"));
        log.accept("kernel " + kernel.version() + " from " + kernel.image());
        RescueTree.Made made = new RescueTree(root, classpath, jdk, log).assemble(kernel, work.resolve("native"));
        long unpacked = FileTrees.size(root);
        log.accept("initramfs: packing " + unpacked / (1024 * 1024) + " MiB (cpio newc, zstd)");
        InitramfsPacker.pack(root, work.resolve("initrd.img"));
        Files.copy(kernel.image(), work.resolve("vmlinuz"), StandardCopyOption.REPLACE_EXISTING);
        FileTrees.delete(root);
        FileTrees.delete(work.resolve("native"));
        log.accept("rescue system built");
        return new RescueSystem(work, kernel.version(), Files.size(work.resolve("vmlinuz")),
                Files.size(work.resolve("initrd.img")), unpacked, made.javaBytes(), made.javaModules(), false);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = RescueBuilder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " missing from flar's jar");
            }
            return in.readAllBytes();
        }
    }
}
