package org.flar.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flar.testing.RescueFixture;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built initramfs, unpacked with GNU cpio: it holds what the init needs, and its programs
 * run in a chroot of it, which proves their shared libraries are all there.
 */
class RescueBuilderIT {
    private static RescueSystem rescue;
    private static Path unpacked;

    @BeforeAll
    static void build() {
        rescue = RescueFixture.system();
        Tools.requireTool("zstd");
        unpacked = Tools.scratchDir("rescue-initramfs-");
        Tools.run(List.of("sh", "-c", "zstd -dc '" + rescue.initramfs() + "' | cpio -id --quiet"), unpacked);
    }

    @AfterAll
    static void clean() {
        Tools.deleteTree(unpacked);
    }

    @Test
    void holdsTheInitBusyboxModulesGrubAndJava() {
        String kernel = "usr/lib/modules/" + rescue.kernelVersion() + "/kernel/";
        for (String f : List.of("init", "usr/bin/busybox", "usr/sbin/sfdisk", "usr/sbin/mke2fs", "usr/sbin/mkfs.vfat",
                "usr/sbin/grub-install", "usr/lib/grub/i386-pc/boot.img", "usr/lib/grub/x86_64-efi/part_gpt.mod",
                "opt/flar/jre/bin/java", "usr/bin/flar",
                kernel + "fs/ext4/ext4.ko", kernel + "fs/jbd2/jbd2.ko", kernel + "fs/isofs/isofs.ko",
                kernel + "drivers/block/virtio_blk.ko", kernel + "drivers/scsi/sr_mod.ko")) {
            assertThat(unpacked.resolve(f)).as(f).exists();
        }
        assertThat(Files.isSymbolicLink(unpacked.resolve("usr/bin/sh"))).isTrue();
        assertThat(unpacked.resolve("usr/lib/grub/x86_64-efi/monolithic")).doesNotExist();
        assertThat(rescue.javaModules()).contains("java.base").doesNotContain("java.desktop");
    }

    @Test
    void itsProgramsFindTheirLibrariesInsideIt() {
        Tools.requireRoot();
        assertThat(chroot("/usr/sbin/sfdisk", "--version")).contains("sfdisk from util-linux");
        assertThat(chroot("/usr/sbin/grub-install", "--version")).contains("GRUB");
        assertThat(chroot("/usr/sbin/mkfs.vfat", "--help")).contains("mkfs.fat");
        assertThat(chroot("/usr/bin/flar", "--version")).contains("flar ").contains("Java 25");
    }

    @Test
    void aSecondBuildComesFromTheCache() throws Exception {
        RescueSystem again = new RescueBuilder(RescueFixture.CACHE, RescueFixture.flarClasspath(),
                Path.of(System.getProperty("java.home")), line -> { }).build();
        assertThat(again.cached()).isTrue();
        assertThat(again.dir()).isEqualTo(rescue.dir());
        assertThat(again.initramfsBytes()).isEqualTo(rescue.initramfsBytes());
    }

    /**
     * Runs a command inside the unpacked initramfs, with /proc mounted as the init mounts it (the
     * dynamic loader reads /proc/self/exe to find Java's libraries) in a mount namespace of its own.
     */
    private static String chroot(String... command) {
        List<String> cmd = new java.util.ArrayList<>(List.of("unshare", "--mount", "--fork", "chroot",
                unpacked.toString(), "/usr/bin/busybox", "sh", "-c", "mount -t proc proc /proc && exec \"$@\"", "sh"));
        cmd.addAll(List.of(command));
        Tools.Result r = Tools.exec(cmd, null, java.util.Map.of("PATH", "/usr/sbin:/usr/bin"), Tools.DEFAULT_TIMEOUT);
        return r.stdout() + r.stderr();
    }
}
