package org.flar.rescue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Linux kernel of the rescue system: its image and its modules directory.
 *
 * <p>Taken from the machine's own {@code /boot} when an image there has its
 * {@code /lib/modules/VERSION}; otherwise Debian's {@code linux-image-amd64} is fetched with
 * {@code apt-get download} (the meta package names the real one) and unpacked with
 * {@code dpkg-deb} into the cache, so a container or a machine booted by another loader still
 * builds a rescue system.
 */
public record Kernel(String version, Path image, Path modules) {

    /** The kernel to use: {@code /boot}'s newest with modules, else the downloaded Debian one. */
    public static Kernel find(Path downloadCache) throws IOException {
        Optional<Kernel> installed = installed(Path.of("/boot"), Path.of("/lib/modules"), false);
        return installed.isPresent() ? installed.get() : downloaded(downloadCache);
    }

    /**
     * The newest {@code boot/vmlinuz-V} with {@code modulesRoot/V/kernel}; with {@code unpacked},
     * {@code boot} and {@code modulesRoot} hold .deb trees {@code V/boot/vmlinuz-V}, {@code V/lib/modules/V}.
     */
    static Optional<Kernel> installed(Path boot, Path modulesRoot, boolean unpacked) throws IOException {
        if (!Files.isDirectory(boot)) {
            return Optional.empty();
        }
        try (Stream<Path> files = unpacked ? Files.list(boot).map(v -> v.resolve("boot/vmlinuz-" + v.getFileName()))
                : Files.list(boot)) {
            return files.filter(p -> p.getFileName().toString().startsWith("vmlinuz-"))
                    .map(p -> {
                        String v = p.getFileName().toString().substring("vmlinuz-".length());
                        return new Kernel(v, p, unpacked ? modulesRoot.resolve(v + "/lib/modules/" + v)
                                : modulesRoot.resolve(v));
                    })
                    .filter(k -> Files.isReadable(k.image()) && Files.isDirectory(k.modules().resolve("kernel")))
                    .max(Comparator.comparing(Kernel::version, Kernel::compareVersions));
        }
    }

    /**
     * apt-get download linux-image-amd64 and the image package it depends on, unpacked under
     * {@code cache}. Offline, the newest kernel unpacked before is used.
     */
    static Kernel downloaded(Path cache) throws IOException {
        Run.require("apt-get", "apt");
        Run.require("dpkg-deb", "dpkg");
        Path debs = Files.createDirectories(cache.resolve("debs"));
        try {
            Run.run(debs, "apt-get", "download", "-q", "linux-image-amd64");
        } catch (IOException e) {
            Optional<Kernel> before = installed(cache, cache, true);
            if (before.isPresent()) {
                return before.get();
            }
            throw new IOException("no kernel in /boot, and " + e.getMessage(), e);
        }
        Path meta = newest(debs, "linux-image-amd64_");
        String depends = Run.output(null, List.of("dpkg-deb", "-f", meta.toString(), "Depends")).strip();
        String imagePackage = Stream.of(depends.split("[,|]"))
                .map(d -> d.strip().split("\\s")[0])
                .filter(d -> d.startsWith("linux-image-") && !d.equals("linux-image-amd64"))
                .findFirst()
                .orElseThrow(() -> new IOException(meta + ": names no kernel image package (Depends: " + depends + ")"));
        String version = imagePackage.substring("linux-image-".length());
        Path unpacked = cache.resolve(version);
        if (!Files.isRegularFile(unpacked.resolve("boot/vmlinuz-" + version))) {
            Run.run(debs, "apt-get", "download", "-q", imagePackage);
            Path deb = newest(debs, imagePackage + "_");
            Path tmp = cache.resolve(version + ".tmp");
            Files.createDirectories(tmp);
            Run.run(null, "dpkg-deb", "-x", deb.toString(), tmp.toString());
            Files.move(tmp, unpacked);
        }
        return new Kernel(version, unpacked.resolve("boot/vmlinuz-" + version),
                unpacked.resolve("lib/modules/" + version));
    }

    private static Path newest(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".deb"))
                    .max(Comparator.comparing(p -> p.getFileName().toString(), Kernel::compareVersions))
                    .orElseThrow(() -> new IOException(dir + ": apt-get download left no " + prefix + "*.deb"));
        }
    }

    /** Orders "6.1.0-9" before "6.1.0-10": digit runs compare as numbers. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        String[] y = b.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean numbers = Character.isDigit(x[i].charAt(0)) && Character.isDigit(y[i].charAt(0));
            int c = numbers ? new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
