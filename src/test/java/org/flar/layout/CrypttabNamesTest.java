package org.flar.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.flar.layout.Layout.BootLoader;
import org.flar.layout.Layout.Crypt;
import org.flar.layout.Layout.Disk;
import org.flar.layout.Layout.FileSystem;
import org.flar.layout.Layout.LogicalVolume;
import org.flar.layout.Layout.Partition;
import org.flar.layout.Layout.PartitionTable;
import org.flar.layout.Layout.PhysicalVolume;
import org.flar.layout.Layout.Swap;
import org.flar.layout.Layout.VolumeGroup;
import org.junit.jupiter.api.Test;

class CrypttabNamesTest {
    private static final String UUID = "0e0e0e0e-1111-4222-8333-444444444444";
    private static final String OPENED = "luks-" + UUID;

    /** What a capture from the rescue system records: LUKS on vda3 opened as luks-UUID, LVM on it, and /srv directly on a second LUKS. */
    private static Layout captured() {
        long mib = LayoutFixtures.MIB;
        Disk vda = new Disk("/dev/vda", 4 * LayoutFixtures.GIB, 512, List.of(), null, null, null, new PartitionTable("gpt", null,
                List.of(new Partition(1, mib, 512 * mib, "0FC63DAF-8483-4772-8E79-3D69D8477DE4", null, null, null, false),
                        new Partition(2, 513 * mib, 512 * mib, "CA7D7CCB-63ED-4C53-861C-1742536059CC", null, null, null, false),
                        new Partition(3, 1025 * mib, 2048 * mib, "CA7D7CCB-63ED-4C53-861C-1742536059CC", null, null, null, false))));
        List<Crypt> crypts = List.of(
                new Crypt("/dev/vda3", OPENED, 2, UUID, "aes-xts-plain64", 512, "pbkdf2", "sha256", 512),
                new Crypt("/dev/vda2", "luks-srv", 2, "0f0f0f0f-1111-4222-8333-444444444444", "aes-xts-plain64", 512, "argon2id",
                        "sha256", 512));
        VolumeGroup vg = new VolumeGroup("vg0", null, 4 * mib, List.of(new PhysicalVolume("/dev/mapper/" + OPENED, "Pv-Uuid")),
                List.of(new LogicalVolume("root", null, 1024 * mib, "linear"), new LogicalVolume("swap", null, 256 * mib, "linear")));
        List<FileSystem> fs = List.of(
                new FileSystem("/dev/vda1", "ext4", null, "boot", "/boot", null, null, null, null, null, List.of()),
                new FileSystem("/dev/vg0/root", "ext4", null, "root", "/", null, null, null, null, null, List.of()),
                new FileSystem("/dev/mapper/luks-srv", "ext4", null, "srv", "/srv", null, null, null, null, null, List.of()));
        return new Layout(1, "bios", new BootLoader("grub", List.of("i386-pc"), List.of("/dev/vda"), null, null), null,
                List.of(vda), List.of(), crypts, List.of(vg), fs, List.of(new Swap("/dev/vg0/swap", null, null)));
    }

    @Test
    void theCrypttabNameFoundByUuidIsRecordedAndWhatSitsOnTheVolumeFollowsIt() throws Exception {
        List<String> notes = new ArrayList<>();
        Layout l = CrypttabNames.apply(captured(), """
                # <target name> <source device> <key file> <options>
                cryptlvm UUID=%s none luks,discard
                """.formatted(UUID.toUpperCase()), notes);
        assertThat(l.crypts()).extracting(Crypt::name).containsExactly("cryptlvm", "luks-srv");
        assertThat(l.crypts().getFirst().uuid()).isEqualTo(UUID);
        assertThat(l.volumeGroups().getFirst().pvs()).containsExactly(new PhysicalVolume("/dev/mapper/cryptlvm", "Pv-Uuid"));
        assertThat(notes).singleElement().asString().contains("/dev/vda3").contains("cryptlvm").contains(OPENED);
        LayoutCheck.check(l, "renamed");
    }

    @Test
    void aVolumeOnItsDeviceOrByUuidPathIsFoundAndAFileSystemOnItFollows() {
        Layout l = CrypttabNames.apply(captured(), "srv_crypt /dev/vda2 /etc/keys/srv luks\n"
                + "root_crypt /dev/disk/by-uuid/" + UUID + " none luks\n", new ArrayList<>());
        assertThat(l.crypts()).extracting(Crypt::name).containsExactly("root_crypt", "srv_crypt");
        assertThat(l.fileSystemAt("/srv").orElseThrow().device()).isEqualTo("/dev/mapper/srv_crypt");
        assertThat(l.volumeGroups().getFirst().pvs().getFirst().device()).isEqualTo("/dev/mapper/root_crypt");
    }

    @Test
    void noMatchingEntryLeavesTheLayoutAsRecorded() {
        Layout before = captured();
        List<String> notes = new ArrayList<>();
        Layout l = CrypttabNames.apply(before, "# cryptlvm UUID=" + UUID + " none luks\n\nother UUID=1234 none luks\nbroken\n", notes);
        assertThat(l).isEqualTo(before);
        assertThat(notes).isEmpty();
    }

    @Test
    void aNameFlarWouldRefuseOrOneAlreadyTakenIsNotRecorded() {
        List<String> notes = new ArrayList<>();
        Layout before = captured();
        Layout l = CrypttabNames.apply(before, "../evil UUID=" + UUID + " none luks\nluks-srv /dev/vda3 none luks\n", notes);
        assertThat(l).isEqualTo(before);
        assertThat(notes).hasSize(1).first().asString().contains("'../evil'");
        assertThat(CrypttabNames.apply(before, "luks-srv /dev/vda3 none luks\n", notes)).isEqualTo(before);
        assertThat(notes).hasSize(2).last().asString().contains("'luks-srv'");
    }
}
