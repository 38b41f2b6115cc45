package org.flar.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.flar.layout.Layout.FileSystem;

/**
 * The recreated file systems mounted at their mount points under the target, so that each
 * deployed file lands on the file system it came from; and the kernel's file systems bound in
 * for the restored system's own tools (grub-install, update-initramfs) run in a chroot.
 */
public final class TargetMounts implements AutoCloseable {
    private final Path target;
    private final Deque<Path> mounted = new ArrayDeque<>();

    public TargetMounts(Path target) {
        this.target = target;
    }

    public Path target() {
        return target;
    }

    /** Mount points in the order they must be mounted: parents first. */
    static List<FileSystem> inMountOrder(List<FileSystem> fs) {
        return fs.stream().sorted(Comparator.comparingInt((FileSystem f) -> f.mountpoint().equals("/") ? 0
                : f.mountpoint().split("/").length).thenComparing(FileSystem::mountpoint)).toList();
    }

    public void mountAll(Layout layout) throws IOException {
        Files.createDirectories(target);
        for (FileSystem f : inMountOrder(layout.fileSystems())) {
            Path at = at(f.mountpoint());
            // made on the file system mounted below it, as the deployment would make it
            Files.createDirectories(at);
            if (f.type().equals("xfs")) { // the original may still be attached (a drill, a disk swap): XFS refuses a twin
                mount(at, "-t", "xfs", "-o", "nouuid", f.device(), at.toString());
            } else if (f.type().equals("vfat")) { // FAT has no owners or modes: the deployment's chown and chmod are no-ops
                mount(at, "-t", "vfat", "-o", "quiet", f.device(), at.toString());
            } else {
                mount(at, "-t", f.type(), f.device(), at.toString());
            }
        }
    }

    /** Unmounts whatever is mounted at or under {@code dir}, deepest first (what a failed attempt left). */
    public static void unmountUnder(Path dir) throws IOException {
        String top = dir.toAbsolutePath().normalize().toString();
        List<String> under = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String at = line.split(" ")[4].replace("\\040", " ");
            if (at.equals(top) || at.startsWith(top + "/")) {
                under.add(at);
            }
        }
        under.sort(Comparator.comparingInt(String::length).reversed());
        for (String at : under) {
            Command.of("umount", "-l", at).run();
        }
    }

    /** /dev, /proc, /sys (and efivarfs when the firmware is UEFI) for a chroot into the target. */
    public void bindSystem() throws IOException {
        for (String d : List.of("dev", "proc", "sys")) {
            Path at = target.resolve(d);
            Files.createDirectories(at);
            mount(at, "--bind", "/" + d, at.toString());
        }
        Path efivars = target.resolve("sys/firmware/efi/efivars");
        if (Files.isDirectory(Path.of("/sys/firmware/efi/efivars")) && Files.isDirectory(efivars)) {
            mount(efivars, "-t", "efivarfs", "efivarfs", efivars.toString());
        }
    }

    /** A path under the target for an absolute path of the restored system. */
    public Path at(String absolute) {
        return absolute.equals("/") ? target : target.resolve(absolute.substring(1));
    }

    private void mount(Path at, String... args) throws IOException {
        String[] argv = new String[args.length + 1];
        argv[0] = "mount";
        System.arraycopy(args, 0, argv, 1, args.length);
        Command.of(argv).run();
        mounted.push(at);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        Command.of("sync").run();
        while (!mounted.isEmpty()) {
            Path at = mounted.pop();
            try {
                Command.of("umount", at.toString()).run();
            } catch (IOException e) {
                if (first == null) {
                    first = new IOException("could not unmount " + at + ": " + e.getMessage());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
