package org.flar.rescue;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Builds the rescue system from this machine's Debian packages: the kernel, and one initramfs
 * with busybox, the needed kernel modules, the disk tools and their libraries, GRUB's BIOS and
 * UEFI modules, a jlink Java runtime and flar. See docs/rescue.md.
 *
 * <p>Builds are cached under {@code cacheRoot}, keyed by a hash of everything that goes in
 * (flar's class path, the init script, the kernel, the JDK), so a second build of the same
 * flar is instant; a key directory appears only complete (built as {@code KEY.tmp}, renamed).
 */
public final class RescueBuilder {
    public static final Path DEFAULT_CACHE = Path.of("/var/cache/flar/rescue");

    /** Bumped when the layout of the initramfs changes, so old cache entries are not reused. */
    private static final String LAYOUT = "1";

    /** Programs copied from this machine with their libraries: what the init and a sysadmin by hand need. */
    static final List<String> TOOLS = List.of("sfdisk", "partx", "blkid", "wipefs", "lsblk", "mke2fs", "mkfs.ext4",
            "e2fsck", "mkfs.fat", "mkfs.vfat", "grub-install", "grub-probe", "grub-mkimage", "efibootmgr");
    /** Tools whose absence only removes a convenience. */
    private static final Set<String> OPTIONAL = Set.of("lsblk", "e2fsck", "efibootmgr", "grub-probe", "grub-mkimage");
    /** Debian packages, for the message when a needed tool is missing. */
    private static final String PACKAGES = "fdisk util-linux e2fsprogs dosfstools grub2-common grub-pc-bin "
            + "grub-efi-amd64-bin busybox-static cpio";

    private final Path cacheRoot;
    private final List<Path> classpath;
    private final Path jdk;
    private final Consumer<String> log;

    /**
     * @param cacheRoot where builds and the downloaded kernel are kept
     * @param classpath flar's jar(s) and dependency jars (or class directories) to put in the rescue system
     * @param jdk       the JDK whose jlink and jdeps make the runtime (its feature version runs flar)
     * @param log       one line per step, for a user watching
     */
    public RescueBuilder(Path cacheRoot, List<Path> classpath, Path jdk, Consumer<String> log) {
        this.cacheRoot = cacheRoot;
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
        Files.createDirectories(cacheRoot);
        FileChannel lock;
        try {
            lock = FileChannel.open(cacheRoot.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (java.nio.file.AccessDeniedException e) {
            // a user who may not write the cache may still use the build root made: no lock, no pruning
            return buildLocked();
        }
        // two builds at once (a cron job and a user) would share KEY.tmp: the second waits
        try (lock; FileLock _ = lock.lock()) {
            RescueSystem r = buildLocked();
            prune(r.dir());
            return r;
        }
    }

    private RescueSystem buildLocked() throws IOException {
        Kernel kernel = Kernel.find(cacheRoot.resolve("kernel"));
        String key = "flar-" + org.flar.Version.VERSION + "-" + kernel.version() + "-" + contentKey(kernel);
        Path dir = cacheRoot.resolve(key);
        RescueSystem cached = RescueSystem.load(dir);
        if (cached != null) {
            log.accept("rescue system from the cache: " + dir);
            return cached;
        }
        Path work = cacheRoot.resolve(key + ".tmp");
        deleteTree(work);
        Path root = Files.createDirectories(work.resolve("root"));
        log.accept("kernel " + kernel.version() + " from " + kernel.image());
        skeleton(root);
        modules(root, kernel);
        List<Path> programs = tools(root);
        String javaModules = JavaRuntime.modules(jdk, classpath);
        long javaBytes = java(root, javaModules);
        List<Path> elfs = new ArrayList<>(programs);
        elfs.addAll(elfFiles(root.resolve("opt/flar/jre")));
        elfs.addAll(nativeLibraries(work.resolve("native")));
        log.accept("shared libraries of " + elfs.size() + " programs and libraries");
        Path jre = root.resolve("opt/flar/jre");
        for (Path lib : SharedLibraries.of(elfs, List.of(jre.resolve("lib"), jre.resolve("lib/server")))) {
            place(root, lib);
        }
        grub(root);
        busybox(root);
        install(root.resolve("init"), resource("init"));
        long unpacked = treeSize(root);
        log.accept("initramfs: packing " + unpacked / (1024 * 1024) + " MiB (cpio newc, zstd)");
        initramfs(root, work.resolve("initrd.img"));
        Files.copy(kernel.image(), work.resolve("vmlinuz"), StandardCopyOption.REPLACE_EXISTING);
        deleteTree(root);
        deleteTree(work.resolve("native"));
        RescueSystem built = new RescueSystem(work, kernel.version(), Files.size(work.resolve("vmlinuz")),
                Files.size(work.resolve("initrd.img")), unpacked, javaBytes, javaModules, false);
        built.save();
        deleteTree(dir);
        Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
        log.accept("rescue system built: " + dir);
        return new RescueSystem(dir, built.kernelVersion(), built.kernelBytes(), built.initramfsBytes(),
                built.unpackedBytes(), built.javaBytes(), built.javaModules(), false);
    }

    /** Keeps the {@value #KEEP} most recently used builds: each flar update makes a new key. */
    private static final int KEEP = 3;

    private void prune(Path current) throws IOException {
        Files.setLastModifiedTime(current, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        List<Path> builds;
        try (Stream<Path> dirs = Files.list(cacheRoot)) {
            builds = dirs.filter(d -> d.getFileName().toString().startsWith("flar-") && Files.isDirectory(d))
                    .sorted(java.util.Comparator.comparing((Path d) -> {
                        try {
                            return Files.getLastModifiedTime(d);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).reversed())
                    .toList();
        }
        for (Path old : builds.subList(Math.min(KEEP, builds.size()), builds.size())) {
            if (!old.equals(current)) {
                deleteTree(old);
            }
        }
    }

    private String contentKey(Kernel kernel) throws IOException {
        MessageDigest d = sha256();
        d.update((LAYOUT + "\0" + kernel.version() + "\0" + Files.size(kernel.image()) + "\0" + Runtime.version()
                + "\0" + jdk.toRealPath()).getBytes(StandardCharsets.UTF_8));
        d.update(resource("init"));
        for (Path entry : classpath) {
            try (Stream<Path> files = Files.walk(entry)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    d.update(entry.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                    try (InputStream in = Files.newInputStream(f)) {
                        byte[] buf = new byte[1 << 16];
                        for (int n; (n = in.read(buf)) > 0; ) {
                            d.update(buf, 0, n);
                        }
                    }
                }
            }
        }
        return HexFormat.of().formatHex(d.digest()).substring(0, 12);
    }

    private static void skeleton(Path root) throws IOException {
        for (String d : List.of("usr/bin", "usr/sbin", "usr/lib", "usr/lib64", "dev", "proc", "sys", "tmp", "run",
                "mnt", "media", "root", "etc", "var/tmp", "opt/flar/lib")) {
            Files.createDirectories(root.resolve(d));
        }
        // merged /usr, as on Debian 12: ldd's /lib/... and /lib64/... names resolve in the rescue system too
        for (String d : List.of("bin", "sbin", "lib", "lib64")) {
            Files.createSymbolicLink(root.resolve(d), Path.of("usr", d));
        }
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\n");
        Files.writeString(root.resolve("etc/fstab"), "");
        Path mke2fs = Path.of("/etc/mke2fs.conf");
        if (Files.isRegularFile(mke2fs)) {
            Files.copy(mke2fs, root.resolve("etc/mke2fs.conf"));
        }
    }

    private void modules(Path root, Kernel kernel) throws IOException {
        KernelModules all = new KernelModules(kernel.modules());
        Path target = root.resolve("usr/lib/modules/" + kernel.version());
        var files = all.closure(KernelModules.WANTED);
        log.accept(files.size() + " kernel modules");
        for (Path ko : files) {
            Path to = target.resolve(kernel.modules().relativize(ko).toString());
            Files.createDirectories(to.getParent());
            Files.copy(ko, to);
        }
        // the init loads these (the rest come as their dependencies)
        Files.writeString(root.resolve("etc/flar-modules"), String.join("\n", KernelModules.WANTED) + "\n");
        for (String f : List.of("modules.builtin", "modules.builtin.modinfo", "modules.order")) {
            if (Files.isRegularFile(kernel.modules().resolve(f))) {
                Files.copy(kernel.modules().resolve(f), target.resolve(f));
            }
        }
    }

    private List<Path> tools(Path root) throws IOException {
        List<Path> programs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String tool : TOOLS) {
            Path p = Run.find(tool);
            if (p == null) {
                if (!OPTIONAL.contains(tool)) {
                    missing.add(tool);
                }
                continue;
            }
            Path real = p.toRealPath();
            Path to = root.resolve(canonical(p.toAbsolutePath()).substring(1));
            Files.createDirectories(to.getParent());
            Files.copy(real, to, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            programs.add(real);
        }
        if (!missing.isEmpty()) {
            throw new IOException("cannot build the rescue system: missing " + String.join(", ", missing)
                    + " (Debian packages: " + PACKAGES + ")");
        }
        return programs;
    }

    /** jlink runtime and flar's class path under /opt/flar, and the /usr/bin/flar launcher. */
    private long java(Path root, String modules) throws IOException {
        log.accept("Java runtime (jlink): " + modules);
        Path jre = root.resolve("opt/flar/jre");
        JavaRuntime.link(jdk, modules, jre);
        List<String> cp = new ArrayList<>();
        int i = 0;
        for (Path entry : classpath) {
            String name = Files.isDirectory(entry) ? "classes-" + i++ : entry.getFileName().toString();
            copyTree(entry, root.resolve("opt/flar/lib").resolve(name));
            cp.add("/opt/flar/lib/" + name);
        }
        install(root.resolve("usr/bin/flar"), ("#!/bin/sh\n"
                + "# flar on the rescue system's own Java runtime; temporary files (zstd's native library) go to /tmp\n"
                + "exec /opt/flar/jre/bin/java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xmx256m -Xss4m"
                + " -Xshare:auto -cp " + String.join(":", cp) + " org.flar.cli.Main \"$@\"\n")
                .getBytes(StandardCharsets.UTF_8));
        return treeSize(jre);
    }

    /** Native libraries inside flar's jars (zstd-jni), extracted so ldd can tell what they need. */
    private List<Path> nativeLibraries(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path entry : classpath) {
            if (!Files.isRegularFile(entry)) {
                continue;
            }
            try (ZipFile zip = new ZipFile(entry.toFile())) {
                for (var e : zip.stream().filter(z -> z.getName().startsWith("linux/amd64/")
                        && z.getName().endsWith(".so")).toList()) {
                    Path to = Files.createDirectories(dir).resolve(out.size() + ".so");
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, to);
                    }
                    out.add(to);
                }
            }
        }
        return out;
    }

    /** GRUB's BIOS and UEFI module directories, for grub-install on the restored disk. */
    private static void grub(Path root) throws IOException {
        for (String platform : List.of("i386-pc", "x86_64-efi")) {
            Path from = Path.of("/usr/lib/grub", platform);
            if (!Files.isDirectory(from)) {
                throw new IOException(from + ": missing; install " + (platform.equals("i386-pc") ? "grub-pc-bin"
                        : "grub-efi-amd64-bin"));
            }
            // monolithic/ holds prebuilt signed images grub-install does not use (15 MB)
            copyTree(from, root.resolve("usr/lib/grub").resolve(platform), "monolithic");
        }
    }

    /** busybox and a link for each applet no real tool already provides. */
    private static void busybox(Path root) throws IOException {
        Path busybox = Run.require("busybox", "busybox-static");
        if (!SharedLibraries.of(List.of(busybox.toRealPath()), List.of()).isEmpty()) {
            throw new IOException(busybox + ": dynamically linked; install busybox-static");
        }
        Files.copy(busybox.toRealPath(), root.resolve("usr/bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String applet : Run.output(null, List.of(busybox.toString(), "--list")).split("\n")) {
            applet = applet.strip();
            if (applet.isEmpty() || applet.equals("busybox") || Files.exists(root.resolve("usr/sbin").resolve(applet),
                    java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.exists(root.resolve("usr/bin").resolve(applet),
                    java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.createSymbolicLink(root.resolve("usr/bin").resolve(applet), Path.of("busybox"));
        }
    }

    /** Copies a host file to the same place in the rescue tree; a symlinked name becomes a symlink there. */
    private static void place(Path root, Path hostPath) throws IOException {
        Path real = hostPath.toRealPath();
        Path realTo = root.resolve(canonical(real).substring(1));
        if (!Files.exists(realTo)) {
            Files.createDirectories(realTo.getParent());
            Files.copy(real, realTo, StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path nameTo = root.resolve(canonical(hostPath.toAbsolutePath().normalize()).substring(1));
        if (!nameTo.equals(realTo) && !Files.exists(nameTo, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(nameTo.getParent());
            Files.createSymbolicLink(nameTo, Path.of(canonical(real)));
        }
    }

    /** The merged-/usr name of a host path: /lib/x → /usr/lib/x. */
    static String canonical(Path p) {
        String s = p.toString();
        for (String top : List.of("/bin/", "/sbin/", "/lib/", "/lib64/")) {
            if (s.startsWith(top)) {
                return "/usr" + s;
            }
        }
        return s;
    }

    /** cpio newc of the tree, owned by root, in name order, compressed with zstd (Debian's kernel reads it). */
    private static void initramfs(Path root, Path out) throws IOException {
        Run.require("cpio", "cpio");
        ProcessBuilder pb = new ProcessBuilder("sh", "-c",
                "find . -mindepth 1 -print0 | LC_ALL=C sort -z | cpio --null -o -H newc -R 0:0 --quiet");
        pb.directory(root.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try (InputStream e = p.getErrorStream()) {
                return e.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        try (InputStream in = p.getInputStream();
                OutputStream file = Files.newOutputStream(out);
                ZstdOutputStream z = new ZstdOutputStream(file, 15)) {
            z.setWorkers(Math.max(1, Runtime.getRuntime().availableProcessors()));
            in.transferTo(z);
        }
        if (Run.waitFor(p) != 0) {
            throw new IOException("cpio of " + root + " failed: " + new String(err.join(), StandardCharsets.UTF_8).strip());
        }
    }

    private static List<Path> elfFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (SharedLibraries.isElf(f)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = RescueBuilder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " missing from flar's jar");
            }
            return in.readAllBytes();
        }
    }

    private static void install(Path to, byte[] content) throws IOException {
        Files.write(to, content);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void copyTree(Path from, Path to, String... skipNames) throws IOException {
        Set<String> skip = new LinkedHashSet<>(List.of(skipNames));
        if (Files.isRegularFile(from)) {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(f -> from.relativize(f).toString().isEmpty()
                    || !skip.contains(from.relativize(f).getName(0).toString())).toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    try {
                        Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES);
                    } catch (FileAlreadyExistsException e) {
                        // a class path entry listed twice
                    }
                }
            }
        }
    }

    static long treeSize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
