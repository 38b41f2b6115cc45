package org.flar.identity.sysidcfg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.flar.testing.Tools;

/** Small target roots with only what a sysidcfg touches, laid out as each distribution family has it. */
final class SyntheticRoot {
    static final String SHADOW = """
            root:*:19000:0:99999:7:::
            daemon:*:19000:0:99999:7:::
            alice:$6$saltsalt$Q1Wj3m0wHIAU7bfUbLs7pS4hT5QYhZ9hnG1e5cHBQ3nqJ5o6JbqkVxRzv8uQ2pFyxlHcQvX5kP3y6m0QhS9aX.:19001:1:90:7:14::
            """;
    static final int SHADOW_GID = 42;

    private SyntheticRoot() {
    }

    /** etc with shadow (root:42, 0640), hosts and hostname; real zoneinfo files; Debian's marker if asked. */
    static Path create(Path root, boolean debian) throws IOException {
        Tools.requireRoot();
        write(root, "etc/shadow", SHADOW);
        Files.setPosixFilePermissions(root.resolve("etc/shadow"), PosixFilePermissions.fromString("rw-r-----"));
        Files.setAttribute(root.resolve("etc/shadow"), "unix:gid", SHADOW_GID);
        write(root, "etc/hosts", "127.0.0.1\tlocalhost\n127.0.1.1\tmaster.example.com master\n\n"
                + "# The following lines are desirable for IPv6 capable hosts\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        write(root, "etc/hostname", "master\n");
        for (String zone : List.of("Europe/Berlin", "UTC")) {
            Path to = root.resolve("usr/share/zoneinfo").resolve(zone);
            Files.createDirectories(to.getParent());
            Files.copy(Path.of("/usr/share/zoneinfo").resolve(zone).toRealPath(), to);
        }
        // As tzdata ships legacy names: a link to the canonical zone.
        Files.createDirectories(root.resolve("usr/share/zoneinfo/US"));
        Files.copy(Path.of("/usr/share/zoneinfo/America/Chicago").toRealPath(),
                Files.createDirectories(root.resolve("usr/share/zoneinfo/America")).resolve("Chicago"));
        Files.createSymbolicLink(root.resolve("usr/share/zoneinfo/US/Central"), Path.of("../America/Chicago"));
        if (debian) {
            write(root, "etc/debian_version", "12.8\n");
        }
        return root;
    }

    static void write(Path root, String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    static String read(Path root, String rel) throws IOException {
        return Files.readString(root.resolve(rel));
    }

    /** A copy with every owner, mode and time ({@code cp -a}), to compare against after a refused apply. */
    static Path snapshot(Path root, Path copy) {
        Tools.run(List.of("cp", "-a", "--", root.toString(), copy.toString()), null);
        return copy;
    }
}
