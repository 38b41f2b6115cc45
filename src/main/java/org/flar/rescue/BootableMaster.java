package org.flar.rescue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.flar.fs.FileTrees;
import org.flar.media.IsoMaster;

/**
 * Masters a bootable hybrid ISO: the content directory plus the rescue system, booting on BIOS
 * (El Torito, GRUB's i386-pc core) and UEFI (an EFI system partition image with GRUB), with an
 * MBR so the same image written to a USB stick boots too. {@code grub-mkrescue} does the
 * mastering through xorriso; the content directory is read in place, never copied.
 *
 * <p>The layout on the ISO: {@code /flar-rescue/vmlinuz}, {@code /flar-rescue/initrd.img},
 * {@code /boot/grub/grub.cfg} (see the resource of that name), GRUB's files, then the content.
 */
public final class BootableMaster implements IsoMaster {
    /** GRUB's own files on the image (both platforms' modules, the EFI image, the El Torito image), measured. */
    private static final long GRUB_BYTES = 24L << 20;
    private static final Pattern SAFE_ARG = Pattern.compile("[A-Za-z0-9_.=/:,+-]+");

    private final RescueSystem rescue;
    private final List<String> kernelArgs;

    /**
     * @param kernelArgs extra kernel parameters for the restore entries, such as {@code flar.auto=/dev/vda}
     *                   for an unattended restore (words of letters, digits and {@code _.=/:,+-})
     */
    public BootableMaster(RescueSystem rescue, List<String> kernelArgs) {
        for (String a : kernelArgs) {
            if (!SAFE_ARG.matcher(a).matches()) {
                throw new IllegalArgumentException("kernel parameter " + a + ": only letters, digits and _.=/:,+- are allowed");
            }
        }
        this.rescue = rescue;
        this.kernelArgs = List.copyOf(kernelArgs);
    }

    @Override
    public long reservedBytes() {
        return rescue.bytesOnMedium() + GRUB_BYTES;
    }

    @Override
    public void master(Path contentDir, String volumeLabel, Path isoFile) throws IOException {
        Run.require("grub-mkrescue", "grub-common (with grub-pc-bin, grub-efi-amd64-bin, mtools)");
        Run.require("xorriso", "xorriso");
        Run.require("mformat", "mtools");
        for (String platform : List.of("i386-pc", "x86_64-efi")) {
            if (!Files.isDirectory(Path.of("/usr/lib/grub", platform))) {
                throw new IOException("/usr/lib/grub/" + platform + ": missing; install "
                        + (platform.equals("i386-pc") ? "grub-pc-bin" : "grub-efi-amd64-bin"));
            }
        }
        Path boot = Files.createTempDirectory(isoFile.toAbsolutePath().getParent(), ".flar-boot-");
        try {
            Path dir = Files.createDirectories(boot.resolve("flar-rescue"));
            // hard links when the cache is on the same file system: no 60 MB copy per volume set
            link(rescue.kernel(), dir.resolve("vmlinuz"));
            link(rescue.initramfs(), dir.resolve("initrd.img"));
            Path grub = Files.createDirectories(boot.resolve("boot/grub"));
            String cfg = new String(RescueBuilder.resource("grub.cfg"), StandardCharsets.UTF_8)
                    .replace("@ARGS@", String.join(" ", kernelArgs));
            Files.writeString(grub.resolve("grub.cfg"), cfg);
            List<String> cmd = new ArrayList<>(List.of("grub-mkrescue", "--output=" + isoFile.toAbsolutePath(),
                    "--locales=", "--fonts=", "--themes=", boot.toString()));
            if (contentDir != null) {
                cmd.add(contentDir.toAbsolutePath().toString());
            }
            cmd.addAll(List.of("--", "-volid", volumeLabel));
            Run.output(null, cmd);
        } finally {
            FileTrees.delete(boot);
        }
    }

    private static void link(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
