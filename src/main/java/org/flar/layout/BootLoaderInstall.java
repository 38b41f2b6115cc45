package org.flar.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flar.layout.Layout.BootLoader;
import org.flar.layout.Layout.FileSystem;

/**
 * The restored machine's own boot loader, installed by the restored system's own tools in a
 * chroot (its grub-install and update-grub, bootctl, extlinux), so that what boots is what the
 * machine had, configured by its own /etc/default/grub. The one exception is flar's default
 * layout for an archive without one: its system may have no boot loader at all, so the rescue
 * system's GRUB goes in with a configuration flar writes ({@link #rescueGrub}). A boot loader that
 * does not install fails the recovery (ReaR only warns: rear/rear#2896).
 */
public final class BootLoaderInstall {
    private BootLoaderInstall() {
    }

    /** @param uefiNow whether the running firmware is UEFI with efivars (an NVRAM entry can be made) */
    public static List<Step> steps(Layout layout, TargetMounts mounts, boolean uefiNow, List<String> changes) {
        BootLoader b = layout.bootLoader();
        List<Step> steps = new ArrayList<>();
        if (b == null || b.kind() == null || b.kind().equals("none")) {
            changes.add("no boot loader was recorded: none installed");
            return steps;
        }
        String root = mounts.target().toString();
        switch (b.kind()) {
            case "grub" -> {
                for (String target : b.targets()) {
                    if (target.equals("i386-pc")) {
                        for (String disk : b.disks()) {
                            steps.add(Step.of("install the machine's GRUB for BIOS on " + disk,
                                    chroot(root, "grub-install", "--target=i386-pc", disk)));
                        }
                    } else if (target.equals("x86_64-efi")) {
                        String esp = b.efiDirectory() == null ? "/boot/efi" : b.efiDirectory();
                        List<String> a = new ArrayList<>(List.of("grub-install", "--target=x86_64-efi", "--efi-directory=" + esp,
                                "--bootloader-id=" + (b.bootloaderId() == null ? "debian" : b.bootloaderId()),
                                "--force-extra-removable"));
                        if (uefiNow) {
                            // whether the restored system has efibootmgr is known only once it is deployed
                            Command withEntry = chroot(root, a.toArray(String[]::new));
                            a.add("--no-nvram");
                            Command without = chroot(root, a.toArray(String[]::new));
                            steps.add(new Step("install the machine's GRUB for UEFI in " + esp + " with a boot entry (by the "
                                    + "removable path alone if the restored system has no efibootmgr)", List.of(withEntry),
                                    () -> (hasEfibootmgr(mounts) ? withEntry : without).run()));
                        } else {
                            a.add("--no-nvram");
                            changes.add("no UEFI boot entry was made (this machine did not boot by UEFI now): it boots by "
                                    + "the removable path EFI/BOOT/BOOTX64.EFI");
                            steps.add(Step.of("install the machine's GRUB for UEFI in " + esp, chroot(root, a.toArray(String[]::new))));
                        }
                    }
                }
                steps.add(Step.of("write the machine's GRUB configuration (its own update-grub)",
                        chroot(root, "grub-mkconfig", "-o", "/boot/grub/grub.cfg")));
            }
            case "systemd-boot" -> steps.add(Step.of("install systemd-boot", chroot(root, "bootctl", "install",
                    "--esp-path=" + (b.efiDirectory() == null ? "/boot/efi" : b.efiDirectory()), uefiNow ? "--variables=yes" : "--variables=no")));
            case "extlinux" -> {
                for (String disk : b.disks()) {
                    steps.add(Step.of("install extlinux on " + disk, chroot(root, "extlinux", "--install", "/boot/extlinux"),
                            chroot(root, "sh", "-c", "dd bs=440 count=1 conv=notrunc if=/usr/lib/EXTLINUX/"
                                    + ("gpt".equals(tableOf(layout, disk)) ? "gptmbr.bin" : "mbr.bin") + " of=" + disk)));
                }
            }
            case "rescue-grub" -> steps.add(Step.by("install the rescue system's GRUB for BIOS and UEFI (flar's default layout)",
                    () -> rescueGrub(layout, mounts)));
            default -> throw new IllegalArgumentException("boot loader " + b.kind());
        }
        return steps;
    }

    private static boolean hasEfibootmgr(TargetMounts mounts) {
        return Files.isExecutable(mounts.at("/usr/bin/efibootmgr")) || Files.isExecutable(mounts.at("/bin/efibootmgr"))
                || Files.isExecutable(mounts.at("/usr/sbin/efibootmgr")) || Files.isExecutable(mounts.at("/sbin/efibootmgr"));
    }

    private static String tableOf(Layout l, String disk) {
        return l.disks().stream().filter(d -> d.device().equals(disk) && d.table() != null).map(d -> d.table().label())
                .findFirst().orElse("dos");
    }

    /** The restored system's initramfs made again, for a storage stack it did not boot from before. */
    public static Step initramfs(TargetMounts mounts) {
        return Step.of("rebuild the initramfs for the new storage (the system's update-initramfs)",
                chroot(mounts.target().toString(), "update-initramfs", "-u", "-k", "all"));
    }

    private static Command chroot(String root, String... argv) {
        List<String> a = new ArrayList<>(List.of("chroot", root));
        a.addAll(List.of(argv));
        return new Command(a, null, false, java.util.Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
    }

    /** GRUB from the rescue system onto the default layout's disk, for BIOS and (removable path) UEFI. */
    private static void rescueGrub(Layout layout, TargetMounts mounts) throws IOException {
        Path t = mounts.target();
        String disk = layout.disks().getFirst().device();
        Command.of("grub-install", "--target=i386-pc", "--boot-directory=" + t.resolve("boot"), disk).run();
        Command.of("grub-install", "--target=x86_64-efi", "--efi-directory=" + t.resolve("boot/efi"),
                "--boot-directory=" + t.resolve("boot"), "--removable", "--no-nvram").run();
        String kernel;
        try (Stream<Path> boot = Files.list(t.resolve("boot"))) {
            kernel = boot.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("vmlinuz-"))
                    .max(BootLoaderInstall::byVersion).orElseThrow(() -> new LayoutException(
                            "the restored system has no /boot/vmlinuz-*: install a kernel package in the captured system"));
        }
        String version = kernel.substring("vmlinuz-".length());
        FileSystem root = layout.fileSystemAt("/").orElseThrow();
        String initrd = Files.exists(t.resolve("boot/initrd.img-" + version)) ? "    initrd /boot/initrd.img-" + version + "\n" : "";
        String cfg = "# written by flar recover (the default layout); the system's own update-grub may replace it\n"
                + "set timeout=3\nset default=0\nserial --unit=0 --speed=115200\nterminal_input console serial\n"
                + "terminal_output console serial\ninsmod part_gpt\ninsmod ext2\n"
                + "search --no-floppy --fs-uuid --set=root " + root.uuid() + "\n"
                + "menuentry 'Restored system, Linux " + version + "' {\n"
                + "    linux /boot/vmlinuz-" + version + " root=UUID=" + root.uuid() + " ro console=tty0 console=ttyS0,115200\n"
                + initrd + "}\n";
        Files.writeString(t.resolve("boot/grub/grub.cfg"), cfg, StandardCharsets.UTF_8);
    }

    /** 6.1.0-10-amd64 before 6.1.0-9-amd64 is wrong: compare the numbers as numbers. */
    static int byVersion(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("\\d+") && y[i].matches("\\d+") ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]))
                    : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
