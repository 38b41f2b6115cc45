package org.flar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flar.rescue.BootableMaster;
import org.flar.rescue.RescueBuilder;
import org.flar.rescue.RescueSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {
            "Build the rescue system from this machine's Debian packages: the kernel (from /boot, else "
                    + "linux-image-amd64 fetched with apt-get download), and an initramfs with busybox, the kernel "
                    + "modules for disks, CDs and USB, sfdisk, mkfs.ext4, mkfs.vfat, grub-install (BIOS and UEFI), "
                    + "a jlink Java runtime and flar itself.",
            "",
            "Builds are cached (by default in /var/cache/flar/rescue) and keyed by flar, the kernel and the JDK, "
                    + "so a second build is instant. --iso also masters a standalone rescue ISO that boots on BIOS "
                    + "and UEFI, from a CD or written to a USB stick; an archive kept elsewhere can then be restored "
                    + "from its shell. flar media create puts the same system on volume 1 of a set.",
            "",
            "Needs root only to write the default cache. Debian packages used: busybox-static, cpio, fdisk, "
                    + "e2fsprogs, dosfstools, grub2-common, grub-pc-bin, grub-efi-amd64-bin; for --iso also "
                    + "grub-common, mtools and xorriso."},
        footer = {"", "Examples:",
            "  flar rescue build --iso /srv/rescue.iso",
            "  flar rescue build --iso /srv/auto.iso --append flar.auto=/dev/sda   # restores without asking!",
            "  flar rescue build --iso web01.iso --content /srv/web01   # /srv/web01/web01.flar on the disc",
            "  flar rescue build --output /srv/pxe       # vmlinuz and initrd.img, e.g. for network boot",
            ExitCode.HELP})
final class RescueBuildCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--iso", paramLabel = "FILE", description = "Also master a bootable rescue ISO (BIOS, UEFI, USB).")
    Path iso;

    @Option(names = "--label", paramLabel = "LABEL", defaultValue = "FLAR_RESCUE",
            description = "The ISO's volume label (default: ${DEFAULT-VALUE}).")
    String label;

    @Option(names = "--append", paramLabel = "PARAM", split = " ",
            description = "Extra kernel parameters for the ISO's restore entries, e.g. flar.auto=/dev/vda "
                    + "(restore onto that disk without asking, then power off). Repeatable.")
    List<String> append = List.of();

    @Option(names = "--content", paramLabel = "DIR",
            description = "With --iso: put DIR's files on the ISO too. A *.flar archive there is what the rescue "
                    + "system restores (a one-disc recovery medium for an archive that fits).")
    Path content;

    @Option(names = "--output", paramLabel = "DIR", description = "Also copy vmlinuz and initrd.img into DIR.")
    Path output;

    @Option(names = "--cache", paramLabel = "DIR", description = "Where builds are kept (default: /var/cache/flar/rescue).")
    Path cache = RescueBuilder.DEFAULT_CACHE;

    @Override
    public Integer call() throws IOException {
        Path jdk = Path.of(System.getProperty("java.home"));
        RescueSystem r = new RescueBuilder(cache, RescueBuilder.runningClasspath(), jdk,
                line -> {
                    if (!common.quiet && !common.json) {
                        common.err().println("flar rescue: " + line);
                    }
                }).build();
        if (output != null) {
            Files.createDirectories(output);
            Files.copy(r.kernel(), output.resolve("vmlinuz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(r.initramfs(), output.resolve("initrd.img"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (iso != null) {
            if (content != null && !Files.isDirectory(content)) {
                throw new IllegalArgumentException(content + ": not a directory");
            }
            new BootableMaster(r, append).master(content, label, iso);
        }
        if (common.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dir", r.dir().toString());
            m.put("kernel_version", r.kernelVersion());
            m.put("kernel_bytes", r.kernelBytes());
            m.put("initramfs_bytes", r.initramfsBytes());
            m.put("unpacked_bytes", r.unpackedBytes());
            m.put("java_bytes", r.javaBytes());
            m.put("java_modules", r.javaModules());
            m.put("cached", r.cached());
            if (iso != null) {
                m.put("iso", iso.toString());
                m.put("iso_bytes", Files.size(iso));
            }
            Json.print(common.out(), m);
        } else {
            common.out().printf("rescue system: kernel %s (%s), initramfs %s (%s unpacked, Java runtime %s)%s%n",
                    r.kernelVersion(), Sizes.human(r.kernelBytes()), Sizes.human(r.initramfsBytes()),
                    Sizes.human(r.unpackedBytes()), Sizes.human(r.javaBytes()), r.cached() ? ", from the cache" : "");
            if (iso != null) {
                common.out().printf("%s: bootable rescue ISO, %s, label %s%n", iso, Sizes.human(Files.size(iso)), label);
            }
        }
        return ExitCode.OK;
    }
}
