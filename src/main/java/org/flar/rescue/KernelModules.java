package org.flar.rescue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.stream.Stream;

/**
 * The kernel modules the rescue system loads, with everything they depend on.
 *
 * <p>Dependencies come from each module's own {@code .modinfo} ELF section ({@code depends=}),
 * not from {@code modules.dep}: a kernel unpacked from its .deb has none until depmod runs, and
 * the build machine may lack kmod. The rescue init runs busybox depmod over the copied set.
 */
public final class KernelModules {
    /**
     * What a restore needs: disks (virtio, SATA/AHCI, IDE, NVMe, USB), optical drives and ISO 9660,
     * ext4 (with crc32c, which it asks for only at mount time) and FAT with the code pages GRUB's
     * EFI partition needs, efivarfs, the storage stack of recorded layouts, and network cards. The init loads them in this order.
     */
    public static final List<String> WANTED = List.of("crc32c_generic",
            "virtio_pci", "virtio_blk", "virtio_scsi", "sd_mod", "sr_mod", "cdrom", "isofs",
            "ahci", "ata_piix", "ata_generic", "nvme", "usb_storage", "uas", "xhci_pci", "ehci_pci",
            "ohci_pci", "uhci_hcd", "usbhid", "hid_generic", "ext4", "vfat", "nls_cp437", "nls_ascii",
            "nls_iso8859_1", "nls_utf8", "efivarfs",
            // recorded layouts: md, device mapper (LVM, LUKS) and the ciphers LUKS uses, XFS; xts and
            // essiv ask the crypto API for ecb and cbc at run time, which no modinfo dependency says
            "md_mod", "raid0", "raid1", "raid10", "raid456", "dm_mod", "dm_crypt", "xts", "ecb", "cbc", "aes_generic", "aesni_intel",
            "sha256_generic", "essiv", "algif_skcipher", "af_alg", "xfs",
            // network installs (flar.server=): the NICs of virtual machines and of most servers, and DHCP's raw socket
            "af_packet", "virtio_net", "e1000", "e1000e", "igb", "igc", "ixgbe", "i40e", "r8169", "tg3", "bnxt_en", "vmxnet3");

    private final Path modulesDir;
    private final Map<String, Path> byName = new HashMap<>();

    public KernelModules(Path modulesDir) throws IOException {
        this.modulesDir = modulesDir;
        try (Stream<Path> files = Files.walk(modulesDir.resolve("kernel"))) {
            files.filter(p -> p.getFileName().toString().endsWith(".ko")).forEach(p -> byName.put(name(p), p));
        }
    }

    /** The files of {@code wanted} and their dependencies, dependencies first; built-in or absent names are skipped. */
    public SequencedSet<Path> closure(List<String> wanted) throws IOException {
        SequencedSet<Path> out = new LinkedHashSet<>();
        for (String m : wanted) {
            add(normal(m), out, new LinkedHashSet<>());
        }
        return out;
    }

    public Path dir() {
        return modulesDir;
    }

    private void add(String name, SequencedSet<Path> out, SequencedSet<String> path) throws IOException {
        Path file = byName.get(name);
        if (file == null || out.contains(file) || !path.add(name)) {
            return;
        }
        for (String dep : depends(file)) {
            add(normal(dep), out, path);
        }
        out.add(file);
    }

    private static String name(Path ko) {
        String f = ko.getFileName().toString();
        return normal(f.substring(0, f.length() - ".ko".length()));
    }

    /** The kernel treats - and _ in module names alike. */
    private static String normal(String name) {
        return name.replace('-', '_');
    }

    /** The {@code depends=} value of a module's .modinfo section (a 64-bit little-endian ELF). */
    static List<String> depends(Path ko) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(ko)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.limit() < 64 || b.getInt(0) != 0x464c457f || b.get(4) != 2) {
            throw new IOException(ko + ": not a 64-bit ELF kernel module");
        }
        long shoff = b.getLong(0x28);
        int shentsize = Short.toUnsignedInt(b.getShort(0x3a));
        int shnum = Short.toUnsignedInt(b.getShort(0x3c));
        int shstrndx = Short.toUnsignedInt(b.getShort(0x3e));
        long strtab = b.getLong((int) (shoff + (long) shstrndx * shentsize) + 0x18);
        for (int i = 0; i < shnum; i++) {
            int h = (int) (shoff + (long) i * shentsize);
            String sectionName = cString(b, (int) (strtab + Integer.toUnsignedLong(b.getInt(h))));
            if (sectionName.equals(".modinfo")) {
                int off = (int) b.getLong(h + 0x18);
                int size = (int) b.getLong(h + 0x20);
                String info = new String(b.array(), off, size, StandardCharsets.ISO_8859_1);
                for (String field : info.split("\0")) {
                    if (field.startsWith("depends=")) {
                        String v = field.substring("depends=".length());
                        return v.isEmpty() ? List.of() : List.of(v.split(","));
                    }
                }
                return List.of();
            }
        }
        return new ArrayList<>();
    }

    private static String cString(ByteBuffer b, int at) {
        int end = at;
        while (b.get(end) != 0) {
            end++;
        }
        return new String(b.array(), at, end - at, StandardCharsets.ISO_8859_1);
    }
}
