package org.flar.rescue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.flar.fs.FileTrees;

/**
 * The rescue system's files, assembled in a directory from this machine: a merged-/usr
 * skeleton, the kernel modules for disks, CDs and USB, the disk tools and GRUB with their shared
 * libraries, busybox and its applets, a jlink Java runtime with flar, and the init script.
 */
final class RescueTree {
    /** Programs copied from this machine with their libraries: what the init and a sysadmin by hand need. */
    static final List<String> TOOLS = List.of("sfdisk", "partx", "blkid", "wipefs", "lsblk", "mke2fs", "mkfs.ext4",
            "e2fsck", "mkfs.fat", "mkfs.vfat", "grub-install", "grub-probe", "grub-mkimage", "efibootmgr",
            "mkswap", "dumpe2fs", "findmnt", "lvm", "mdadm", "cryptsetup", "mkfs.xfs", "xfs_spaceman",
            // flar.capture's media set: volume 1 mastered bootable, the others as data volumes
            "grub-mkrescue", "xorriso", "mformat", "mcopy");
    /** Tools whose absence only removes a convenience. */
    private static final Set<String> OPTIONAL = Set.of("lsblk", "e2fsck", "efibootmgr", "grub-probe", "grub-mkimage",
            "lvm", "mdadm", "cryptsetup", "mkfs.xfs", "xfs_spaceman", "grub-mkrescue", "xorriso", "mformat", "mcopy");
    /** Debian packages, for the message when a needed tool is missing. */
    private static final String PACKAGES = "fdisk util-linux e2fsprogs dosfstools grub2-common grub-pc-bin "
            + "grub-efi-amd64-bin busybox-static (and for recorded layouts lvm2 mdadm cryptsetup-bin xfsprogs)";

    private final Path root;
    private final List<Path> classpath;
    private final Path jdk;
    private final Consumer<String> log;

    /** What went in: the Java runtime's size and modules. */
    record Made(long javaBytes, String javaModules) {
    }

    RescueTree(Path root, List<Path> classpath, Path jdk, Consumer<String> log) {
        this.root = root;
        this.classpath = classpath;
        this.jdk = jdk;
        this.log = log;
    }

    /** Fills the directory; {@code scratch} is for native libraries extracted only to be inspected. */
    Made assemble(Kernel kernel, Path scratch) throws IOException {
        skeleton();
        modules(kernel);
        List<Path> programs = tools();
        boolean link = JavaRuntime.canLink(jdk);
        String javaModules = link ? JavaRuntime.modules(jdk, classpath) : JavaRuntime.modulesOf(jdk);
        long javaBytes = java(javaModules, link);
        Path jre = root.resolve("opt/flar/jre");
        List<Path> elfs = new ArrayList<>(programs);
        elfs.addAll(elfFiles(jre));
        elfs.addAll(nativeLibraries(scratch));
        log.accept("shared libraries of " + elfs.size() + " programs and libraries");
        for (Path lib : SharedLibraries.of(elfs, List.of(jre.resolve("lib"), jre.resolve("lib/server")))) {
            place(lib);
        }
        grub();
        busybox();
        install(root.resolve("init"), RescueBuilder.resource("init"));
        install(root.resolve("etc/flar-udhcpc"), RescueBuilder.resource("udhcpc.script"));
        return new Made(javaBytes, javaModules);
    }

    private void skeleton() throws IOException {
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

    private void modules(Kernel kernel) throws IOException {
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

    private List<Path> tools() throws IOException {
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
    private long java(String modules, boolean link) throws IOException {
        Path jre = root.resolve("opt/flar/jre");
        if (link) {
            log.accept("Java runtime (jlink): " + modules);
            JavaRuntime.link(jdk, modules, jre);
        } else {
            log.accept("Java runtime (flar's own, copied from " + jdk + "): " + modules);
            copyTree(jdk, jre);
        }
        List<String> cp = new ArrayList<>();
        int i = 0;
        for (Path entry : classpath) {
            String name = Files.isDirectory(entry) ? "classes-" + i++ : entry.getFileName().toString();
            copyTree(entry, root.resolve("opt/flar/lib").resolve(name));
            cp.add("/opt/flar/lib/" + name);
        }
        install(root.resolve("usr/bin/flar"), ("#!/bin/sh\n"
                + "# flar on the rescue system's own Java runtime; temporary files (zstd's native library) go to /tmp\n"
                + "exec /opt/flar/jre/bin/java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xmx256m -Xmn128m -XX:SurvivorRatio=1 -Xss4m"
                + " -Xshare:auto -cp " + String.join(":", cp) + " org.flar.cli.Main \"$@\"\n")
                .getBytes(StandardCharsets.UTF_8));
        return FileTrees.size(jre);
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

    /** GRUB's BIOS and UEFI module directories, for grub-install on the restored disk and grub-mkrescue. */
    private void grub() throws IOException {
        for (String platform : List.of("i386-pc", "x86_64-efi")) {
            Path from = Path.of("/usr/lib/grub", platform);
            if (!Files.isDirectory(from)) {
                throw new IOException(from + ": missing; install " + (platform.equals("i386-pc") ? "grub-pc-bin"
                        : "grub-efi-amd64-bin"));
            }
            // monolithic/ holds prebuilt signed images grub-install does not use (15 MB)
            copyTree(from, root.resolve("usr/lib/grub").resolve(platform), "monolithic");
        }
        // grub-mkrescue (flar.capture's bootable volume 1) opens this font even when told to put in none
        copyIfPresent(Path.of("/usr/share/grub/unicode.pf2"));
        // and its mformat converts names to codepage 850, its xorriso to UTF-16 (Joliet), through iconv's modules
        Path gconv = Path.of("/usr/lib/x86_64-linux-gnu/gconv");
        for (String f : List.of("gconv-modules", "gconv-modules.d/gconv-modules-extra.conf", "IBM850.so", "UTF-16.so")) {
            copyIfPresent(gconv.resolve(f));
        }
    }

    private void copyIfPresent(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            place(file);
        }
    }

    /** busybox and a link for each applet no real tool already provides. */
    private void busybox() throws IOException {
        Path busybox = Run.require("busybox", "busybox-static");
        if (!SharedLibraries.of(List.of(busybox.toRealPath()), List.of()).isEmpty()) {
            throw new IOException(busybox + ": dynamically linked; install busybox-static");
        }
        Files.copy(busybox.toRealPath(), root.resolve("usr/bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String applet : Run.output(null, List.of(busybox.toString(), "--list")).split("\n")) {
            applet = applet.strip();
            if (applet.isEmpty() || applet.equals("busybox")
                    || Files.exists(root.resolve("usr/sbin").resolve(applet), LinkOption.NOFOLLOW_LINKS)
                    || Files.exists(root.resolve("usr/bin").resolve(applet), LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.createSymbolicLink(root.resolve("usr/bin").resolve(applet), Path.of("busybox"));
        }
    }

    /** Copies a host file to the same place in the rescue tree; a symlinked name becomes a symlink there. */
    private void place(Path hostPath) throws IOException {
        Path real = hostPath.toRealPath();
        Path realTo = root.resolve(canonical(real).substring(1));
        if (!Files.exists(realTo)) {
            Files.createDirectories(realTo.getParent());
            Files.copy(real, realTo, StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path nameTo = root.resolve(canonical(hostPath.toAbsolutePath().normalize()).substring(1));
        if (!nameTo.equals(realTo) && !Files.exists(nameTo, LinkOption.NOFOLLOW_LINKS)) {
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
}
