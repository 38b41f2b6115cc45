package org.flar.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A machine's storage brought up from its disks, with nothing of it running (CART's capture
 * from the rescue system): md arrays assembled, LUKS opened with the key given, volume groups
 * activated; the file system holding {@code etc/fstab} and an os-release found, mounted
 * read-only at {@code mountpoint}, and the machine's other file systems mounted read-only
 * below it per its own fstab. Read-only means no journal replay either ({@code noload},
 * {@code norecovery}): the disks are not written.
 */
public final class DiskAssembly implements AutoCloseable {

    private final Path mountpoint;
    private final TargetMounts mounts;
    private final List<Path> mounted = new ArrayList<>();

    private DiskAssembly(Path mountpoint) {
        this.mountpoint = mountpoint;
        this.mounts = new TargetMounts(mountpoint);
    }

    /** @param key LUKS key bytes, or null (then LUKS volumes stay closed, and what is on them is not found) */
    public static DiskAssembly bringUp(Path mountpoint, byte[] key, List<String> notes) throws IOException {
        DiskAssembly a = new DiskAssembly(mountpoint);
        Command.of("mdadm", "--assemble", "--scan", "--run").runQuietly();
        for (String dev : devicesOfType("crypto_LUKS")) {
            if (key == null) {
                notes.add(dev + ": LUKS, no key given: left closed");
                continue;
            }
            String uuid = Blkid.probe(dev).get("UUID");
            Command.of("cryptsetup", "open", "--readonly", "--key-file=-", dev, "luks-" + uuid).withSecret(key).run();
        }
        Command.of("lvm", "vgchange", "--config", StoragePlan.LVM_CONFIG, "-ay").runQuietly();
        Command.of("lvm", "vgmknodes", "--config", StoragePlan.LVM_CONFIG).runQuietly();
        a.mountMachine(notes);
        return a;
    }

    private void mountMachine(List<String> notes) throws IOException {
        String root = null;
        Path probe = Files.createDirectories(Path.of("/run/flar-probe"));
        for (String dev : candidates()) {
            String type = Blkid.probe(dev).get("TYPE");
            try {
                Command.of(mountArgs(type, dev, probe)).run();
            } catch (IOException e) {
                continue;
            }
            try {
                if (Files.isRegularFile(probe.resolve("etc/fstab")) && (Files.exists(probe.resolve("etc/os-release"))
                        || Files.exists(probe.resolve("usr/lib/os-release")))) {
                    if (root != null) {
                        throw new LayoutException("two system roots on the disks: " + root + " and " + dev
                                + "; capture from the one you mean with -R after mounting it");
                    }
                    root = dev;
                }
            } finally {
                Command.of("umount", probe.toString()).run();
            }
        }
        if (root == null) {
            throw new LayoutException("no file system on the disks holds a system (etc/fstab and os-release)");
        }
        Files.createDirectories(mountpoint);
        mount("/", root);
        List<String[]> entries = new ArrayList<>();
        for (String line : Files.readAllLines(mountpoint.resolve("etc/fstab"), StandardCharsets.UTF_8)) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 3 || f[0].startsWith("#")) {
                continue;
            }
            if (LayoutCheck.FILE_SYSTEMS.contains(f[2]) && !f[1].equals("/") && f[1].startsWith("/")) {
                entries.add(f);
            }
        }
        entries.sort(Comparator.comparingInt(f -> f[1].split("/").length));
        for (String[] f : entries) {
            String dev = Blkid.device(f[0]);
            if (dev == null) {
                notes.add("fstab: " + f[0] + " for " + f[1] + " is not on these disks: not captured");
                continue;
            }
            mount(f[1], dev);
        }
    }

    private void mount(String at, String dev) throws IOException {
        Path dir = mounts.at(at);
        Files.createDirectories(dir);
        Command.of(mountArgs(Blkid.probe(dev).get("TYPE"), dev, dir)).run();
        mounted.add(0, dir);
    }

    private static List<String> mountArgs(String type, String dev, Path at) {
        String options = switch (type == null ? "" : type) {
            case "ext3", "ext4" -> "ro,noload";
            case "xfs" -> "ro,norecovery,nouuid";
            default -> "ro";
        };
        List<String> a = new ArrayList<>(List.of("mount", "-o", options));
        if (type != null) {
            a.addAll(List.of("-t", type));
        }
        a.addAll(List.of(dev, at.toString()));
        return a;
    }

    /** Block devices with a file system flar records, lsblk's order (disks, partitions, arrays, mappings). */
    private static List<String> candidates() throws IOException {
        List<String> out = new ArrayList<>();
        for (String dev : Command.of("lsblk", "-n", "-p", "-l", "-o", "PATH").run().lines().map(String::strip).toList()) {
            String type = Blkid.probe(dev).get("TYPE");
            if (type != null && LayoutCheck.FILE_SYSTEMS.contains(type)) {
                out.add(dev);
            }
        }
        return out;
    }

    private static List<String> devicesOfType(String type) throws IOException {
        List<String> out = new ArrayList<>();
        for (String dev : Command.of("lsblk", "-n", "-p", "-l", "-o", "PATH").run().lines().map(String::strip).toList()) {
            if (type.equals(Blkid.probe(dev).get("TYPE"))) {
                out.add(dev);
            }
        }
        return out;
    }


    /**
     * Refuses to write the capture onto one of the machine's own disks: its file systems are read
     * with nothing of the machine running, and what it is written beside must not be the machine.
     *
     * @param output a file or directory to be written; s3:// and - are not on a disk
     */
    public void requireOutside(Path output) throws IOException {
        requireOutside(mountpoint, output);
    }

    static void requireOutside(Path machine, Path output) throws IOException {
        if (output.toString().equals("-") || output.toString().startsWith("s3:")) {
            return;
        }
        Path existing = output.toAbsolutePath();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        Set<String> own = new HashSet<>();
        for (String source : Command.of("findmnt", "-n", "-l", "-R", "-o", "SOURCE", machine.toString()).run().lines().toList()) {
            own.addAll(disksUnder(source.strip()));
        }
        String source = Command.of("findmnt", "-n", "-o", "SOURCE", "--target", existing.toString()).run().strip();
        for (String disk : disksUnder(source)) {
            if (own.contains(disk)) {
                throw new LayoutException(output + ": on " + disk + ", one of the disks of the machine being captured; "
                        + "write the capture onto another disk");
            }
        }
    }

    /** The disks a block device lies on (through partitions, md, LUKS, LVM); none for what is not a block device. */
    private static List<String> disksUnder(String device) throws IOException {
        if (!device.startsWith("/dev/")) {
            return List.of();
        }
        List<String> disks = new ArrayList<>();
        for (String line : Command.of("lsblk", "-n", "-p", "-l", "-s", "-o", "PATH,TYPE", device).run().lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2 && (f[1].equals("disk") || f[1].equals("loop"))) {
                disks.add(f[0]);
            }
        }
        return disks;
    }

    @Override
    public void close() throws IOException {
        for (Path dir : mounted) {
            Command.of("umount", dir.toString()).runQuietly();
        }
        Command.of("lvm", "vgchange", "--config", StoragePlan.LVM_CONFIG, "-an").runQuietly();
    }
}
