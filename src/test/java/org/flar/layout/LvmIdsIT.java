package org.flar.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.layout.Layout.LogicalVolume;
import org.flar.layout.Layout.PhysicalVolume;
import org.flar.layout.Layout.VolumeGroup;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rewrite of {@link LvmIds} against the real LVM on a loop device. The host has no device
 * mapper, so LVM runs with {@code --driverloaded n} (metadata only, nothing activated); the whole
 * recovery, with activation, runs in qemu (BareMetalIT, LuksLvmIT).
 */
class LvmIdsIT {
    private static final String VG = "flarids";
    private static final String VG_UUID = "OLDvg0-1234-5678-9abc-defg-hijk-lmnopq";
    private static final String ROOT_UUID = "OLDrot-1234-5678-9abc-defg-hijk-lmnopq";
    private Path work;
    private String loop;

    @BeforeEach
    void setUp() throws Exception {
        Tools.requireRoot();
        Tools.requireTool("lvm");
        work = Tools.scratchDir("lvm-ids-");
        Path img = work.resolve("pv.img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(200L << 20);
        }
        loop = Tools.run(List.of("losetup", "-f", "--show", img.toString()), null).strip();
    }

    @AfterEach
    void tearDown() {
        if (loop != null) {
            lvm("vgremove", "-ff", "-y", VG);
            Tools.exec(List.of("losetup", "-d", loop), null);
        }
        Tools.deleteTree(work);
    }

    @Test
    void lvmsOwnBackupTakesTheRecordedIdsAndVgcfgrestoreKeepsThem() throws Exception {
        Tools.run(List.of("lvm", "pvcreate", "-q", "-ff", "-y", loop), null);
        lvm("vgcreate", "-q", VG, loop);
        lvm("lvcreate", "-q", "-an", "-Zn", "-y", "-n", "root", "-L", "40M", VG);
        lvm("lvcreate", "-q", "-an", "-Zn", "-y", "-n", "swap", "-L", "8M", VG);
        String swapBefore = lvm("lvs", "--noheadings", "-o", "lv_uuid", VG + "/swap").strip();
        Path backup = work.resolve("vg.txt");
        lvm("vgcfgbackup", "-f", backup.toString(), VG);

        VolumeGroup recorded = new VolumeGroup(VG, VG_UUID, 4L << 20, List.of(new PhysicalVolume(loop, null)),
                List.of(new LogicalVolume("root", ROOT_UUID, 40L << 20, "linear"), new LogicalVolume("swap", null, 8L << 20, "linear")));
        Files.writeString(backup, LvmIds.rewrite(Files.readString(backup), recorded));
        lvm("vgcfgrestore", "-f", backup.toString(), VG);

        String shown = lvm("lvs", "--noheadings", "-o", "lv_name,lv_uuid,vg_uuid", VG);
        assertThat(shown).containsPattern("root\\s+" + ROOT_UUID + "\\s+" + VG_UUID)
                .containsPattern("swap\\s+" + swapBefore + "\\s+" + VG_UUID); // none recorded: LVM's own stays
    }

    /** LVM without the device mapper this host lacks: metadata only. */
    private static String lvm(String... args) {
        List<String> cmd = new ArrayList<>(List.of("lvm", args[0], "--driverloaded", "n"));
        cmd.addAll(List.of(args).subList(1, args.length));
        return Tools.run(cmd, null);
    }
}
