package org.flar.capture;

import org.flar.format.Identification;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flar.identity.profile.OsRelease;

/** The identification keywords that describe where and from what an archive was made. */
final class SystemFacts {
    private SystemFacts() {
    }

    static Map<String, String> describe(Path root) {
        Map<String, String> k = new LinkedHashMap<>();
        String node = nodeName();
        k.put(Identification.CREATION_DATE, ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")));
        k.put(Identification.CREATION_MASTER, node);
        k.put(Identification.CONTENT_ARCHITECTURES, architectureOf(root));
        k.put(Identification.CREATION_NODE, node);
        k.put(Identification.CREATION_HARDWARE_CLASS, System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch"));
        k.put(Identification.CREATION_PLATFORM, firstLine(Path.of("/sys/class/dmi/id/product_name"), "unknown"));
        k.put(Identification.CREATION_PROCESSOR, k.get(Identification.CREATION_HARDWARE_CLASS));
        k.put(Identification.CREATION_RELEASE, System.getProperty("os.version"));
        Map<String, String> os = osRelease(root);
        k.put(Identification.CREATION_OS_NAME, os.getOrDefault("NAME", "unknown"));
        k.put(Identification.CREATION_OS_VERSION, os.getOrDefault("VERSION_ID", "unknown"));
        return k;
    }

    static String nodeName() {
        String fromKernel = firstLine(Path.of("/proc/sys/kernel/hostname"), null);
        if (fromKernel != null && !fromKernel.isBlank()) {
            return fromKernel;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The root's own architecture, from the ELF header of its shell: an alternate root may not be the host's. */
    static String architectureOf(Path root) {
        for (String candidate : new String[] {"bin/sh", "usr/bin/sh", "bin/busybox"}) {
            Path p = root.resolve(candidate);
            try {
                Path real = p.toRealPath();
                if (!real.startsWith(root.toRealPath())) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(real)) {
                    byte[] h = in.readNBytes(20);
                    if (h.length == 20 && h[0] == 0x7f && h[1] == 'E' && h[2] == 'L' && h[3] == 'F') {
                        int machine = (h[18] & 0xff) | (h[19] & 0xff) << 8;
                        return switch (machine) {
                            case 0x3e -> "x86_64";
                            case 0x03 -> "i386";
                            case 0xb7 -> "aarch64";
                            case 0x28 -> "arm";
                            case 0xf3 -> "riscv64";
                            case 0x15 -> "ppc64";
                            case 0x16 -> "s390x";
                            default -> "elf-machine-" + machine;
                        };
                    }
                }
            } catch (IOException e) {
                // try the next candidate
            }
        }
        return "unknown";
    }

    /** The root's os-release keys ({@link OsRelease}: never through a link out of the root), none when it has none. */
    static Map<String, String> osRelease(Path root) {
        try {
            OsRelease osRelease = OsRelease.read(root);
            return osRelease == null ? Map.of() : osRelease.values();
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static String firstLine(Path p, String fallback) {
        try {
            String s = Files.readString(p).strip();
            return s.isEmpty() ? fallback : s.lines().findFirst().orElse(fallback);
        } catch (IOException e) {
            return fallback;
        }
    }
}
