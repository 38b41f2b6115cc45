package org.flar.safety;

import java.nio.file.Files;
import java.nio.file.Path;

/** A small tree that flar takes for an OS root (it has os-release), with a machine's identity files and some others. */
final class OsTree {
    private OsTree() {
    }

    static Path make(Path root, String hostname) throws Exception {
        Files.createDirectories(root.resolve("etc/ssh"));
        Files.createDirectories(root.resolve("etc/app"));
        Files.createDirectories(root.resolve("var/old"));
        Files.createDirectories(root.resolve("var/lib"));
        Files.writeString(root.resolve("etc/os-release"), "ID=debian\nVERSION_ID=\"12\"\n");
        Files.writeString(root.resolve("etc/hostname"), hostname + "\n");
        Files.writeString(root.resolve("etc/hosts"), "127.0.1.1\t" + hostname + "\n");
        Files.writeString(root.resolve("etc/machine-id"), hostname.repeat(32).substring(0, 32) + "\n");
        Files.writeString(root.resolve("etc/shadow"), "root:$6$salt$" + hostname + ":19000:0:99999:7:::\n");
        Files.writeString(root.resolve("etc/ssh/ssh_host_ed25519_key"), "key of " + hostname + "\n");
        Files.writeString(root.resolve("etc/app/conf"), "v1\n");
        Files.writeString(root.resolve("etc/keep"), "keep\n");
        Files.writeString(root.resolve("var/old/data"), "old\n");
        return root;
    }
}
