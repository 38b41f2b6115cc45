package org.flar.rescue;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A built rescue system: a directory with the kernel ({@code vmlinuz}) and the initramfs
 * ({@code initrd.img}) that holds everything else, and what it is made of.
 *
 * @param dir            the directory holding vmlinuz, initrd.img and rescue.properties
 * @param kernelVersion  the kernel's release (uname -r)
 * @param kernelBytes    size of vmlinuz
 * @param initramfsBytes size of the compressed initramfs
 * @param unpackedBytes  size of the initramfs's files once the kernel unpacked them into RAM
 * @param javaBytes      the jlink runtime's share of unpackedBytes
 * @param javaModules    the Java modules in that runtime
 * @param cached         whether this build was found in the cache rather than built
 */
public record RescueSystem(Path dir, String kernelVersion, long kernelBytes, long initramfsBytes,
        long unpackedBytes, long javaBytes, String javaModules, boolean cached) {

    static final String PROPERTIES = "rescue.properties";

    public Path kernel() {
        return dir.resolve("vmlinuz");
    }

    public Path initramfs() {
        return dir.resolve("initrd.img");
    }

    /** Bytes the rescue system takes on a medium: kernel plus initramfs. */
    public long bytesOnMedium() {
        return kernelBytes + initramfsBytes;
    }

    /** The same build after its directory was renamed to {@code to}. */
    RescueSystem movedTo(Path to) {
        return new RescueSystem(to, kernelVersion, kernelBytes, initramfsBytes, unpackedBytes, javaBytes, javaModules, cached);
    }

    void save() throws IOException {
        Properties p = new Properties();
        p.setProperty("kernel.version", kernelVersion);
        p.setProperty("unpacked.bytes", Long.toString(unpackedBytes));
        p.setProperty("java.bytes", Long.toString(javaBytes));
        p.setProperty("java.modules", javaModules);
        try (Writer w = Files.newBufferedWriter(dir.resolve(PROPERTIES))) {
            p.store(w, "flar rescue system");
        }
    }

    /** A complete build in {@code dir}, or null when it is missing or incomplete. */
    static RescueSystem load(Path dir) throws IOException {
        Path props = dir.resolve(PROPERTIES);
        if (!Files.isRegularFile(props) || !Files.isRegularFile(dir.resolve("vmlinuz"))
                || !Files.isRegularFile(dir.resolve("initrd.img"))) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(props)) {
            p.load(r);
        }
        return new RescueSystem(dir, p.getProperty("kernel.version"), Files.size(dir.resolve("vmlinuz")),
                Files.size(dir.resolve("initrd.img")), Long.parseLong(p.getProperty("unpacked.bytes")),
                Long.parseLong(p.getProperty("java.bytes")), p.getProperty("java.modules"), true);
    }
}
