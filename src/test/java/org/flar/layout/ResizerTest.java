package org.flar.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flar.layout.LayoutFixtures.GIB;
import static org.flar.layout.LayoutFixtures.MIB;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResizerTest {
    private static Resizer.Fitted fit(Layout l, PresentDisk target, String grow, String growLv) throws Exception {
        List<DiskMapping.Match> m = DiskMapping.map(l.disks(), List.of(target), Map.of(), List.of(target.device()));
        return new Resizer(l, grow, growLv).fit(m);
    }

    @Test
    void theSameSizeChangesNothingButTheNames() throws Exception {
        Resizer.Fitted f = fit(LayoutFixtures.mbrLvm(), LayoutFixtures.present("/dev/nvme0n1", 4 * GIB), null, null);
        assertThat(f.layout().disks().getFirst().table().partitions()).extracting(Layout.Partition::size)
                .containsExactly(512 * MIB, 4 * GIB - 513 * MIB);
        assertThat(f.layout().volumeGroups().getFirst().pvs().getFirst().device()).isEqualTo("/dev/nvme0n1p2");
        assertThat(f.layout().fileSystems()).extracting(Layout.FileSystem::device)
                .containsExactly("/dev/nvme0n1p1", "/dev/vg0/root", "/dev/vg0/var");
        assertThat(f.layout().bootLoader().disks()).containsExactly("/dev/nvme0n1");
        assertThat(f.changes()).isEmpty();
        assertThat(f.fill()).isNull();
    }

    @Test
    void aLargerDiskGrowsTheLastPartitionAndTheNamedVolumeTakesTheSpace() throws Exception {
        Resizer.Fitted f = fit(LayoutFixtures.mbrLvm(), LayoutFixtures.present("/dev/sdb", 6 * GIB), null, "vg0/root");
        assertThat(f.layout().disks().getFirst().table().partitions().get(1).size()).isEqualTo(6 * GIB - 513 * MIB);
        assertThat(f.fill()).isEqualTo("vg0/root");
        assertThat(f.changes()).anyMatch(c -> c.startsWith("/dev/sdb2 (was /dev/vda2): ")).anyMatch(c -> c.startsWith("/dev/vg0/root: 2.0 GiB -> "));
    }

    @Test
    void onDisksOfTheRecordedSizeTheGroupsFreeSpaceStaysFreeEvenWithAGrowingVolume() throws Exception {
        Resizer.Fitted f = fit(LayoutFixtures.mbrLvm(), LayoutFixtures.present("/dev/vda", 4 * GIB), null, "vg0/root");
        assertThat(f.fill()).isNull();
        assertThat(f.changes()).isEmpty();
        assertThat(f.layout().volumeGroups().getFirst().lvs().getFirst().size()).isEqualTo(2 * GIB);
    }

    @Test
    void withoutAGrowingVolumeTheSpaceStaysFreeInTheGroup() throws Exception {
        Resizer.Fitted f = fit(LayoutFixtures.mbrLvm(), LayoutFixtures.present("/dev/sdb", 6 * GIB), null, null);
        assertThat(f.fill()).isNull();
        assertThat(f.changes()).anyMatch(c -> c.startsWith("vg0: 2.0 GiB more free space"));
    }

    @Test
    void aSmallerDiskShrinksTheRootVolumeWhenItsDataFits() throws Exception {
        Resizer.Fitted f = fit(LayoutFixtures.mbrLvm(), LayoutFixtures.present("/dev/sdb", 3 * GIB), null, null);
        long root = f.layout().volumeGroups().getFirst().lvs().getFirst().size();
        assertThat(root).isLessThan(2 * GIB).isGreaterThanOrEqualTo(700 * MIB + 35 * MIB + 32 * MIB);
        assertThat(f.layout().disks().getFirst().table().partitions().get(1).size()).isEqualTo(3 * GIB - 513 * MIB);
    }

    @Test
    void aDiskTooSmallForTheDataIsRefusedWithTheNumbers() {
        assertThatThrownBy(() -> fit(LayoutFixtures.mbrLvm(), LayoutFixtures.present("/dev/sdb", 1700 * MIB), null, null))
                .isInstanceOf(LayoutException.class).hasMessageContaining("/dev/sdb").hasMessageContaining("needs")
                .hasMessageContaining("nothing was written");
    }

    @Test
    void growNamesAPartitionOfTheLayout() {
        assertThatThrownBy(() -> fit(LayoutFixtures.mbrLvm(), LayoutFixtures.present("/dev/sdb", 5 * GIB), "/dev/vda9", null))
                .isInstanceOf(LayoutException.class).hasMessageContaining("--grow /dev/vda9");
    }

    @Test
    void growingAMiddlePartitionMovesTheOnesAfterIt() throws Exception {
        Resizer.Fitted f = fit(LayoutFixtures.mbrLvm(), LayoutFixtures.present("/dev/sdb", 5 * GIB), "/dev/vda1", null);
        List<Layout.Partition> p = f.layout().disks().getFirst().table().partitions();
        assertThat(p.get(0).size()).isEqualTo(512 * MIB + GIB);
        assertThat(p.get(1).start()).isEqualTo(513 * MIB + GIB);
        assertThat(p.get(1).size()).isEqualTo(4 * GIB - 513 * MIB);
    }

    @Test
    void theSfdiskScriptHasExactSectorsAndTheRecordedIds() {
        String script = StoragePlan.sfdiskScript(LayoutFixtures.mbrLvm().disks().getFirst());
        assertThat(script).contains("label: dos\nlabel-id: 0x5eed0a11\nunit: sectors\n")
                .contains("/dev/vda1 : start=2048, size=1048576, type=83, bootable\n")
                .contains("/dev/vda2 : start=1050624, size=" + (4 * GIB - 513 * MIB) / 512 + ", type=8e\n");
    }
}
