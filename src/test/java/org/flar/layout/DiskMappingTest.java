package org.flar.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flar.layout.LayoutFixtures.GIB;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiskMappingTest {
    private final List<Layout.Disk> recorded = LayoutFixtures.mbrLvm().disks();

    @Test
    void theSerialWinsOverTheSize() throws Exception {
        PresentDisk same = LayoutFixtures.present("/dev/sda", 4 * GIB);
        PresentDisk serial = new PresentDisk("/dev/sdb", 8 * GIB, 512, "SER-A", null, null, null);
        List<DiskMapping.Match> m = DiskMapping.map(recorded, List.of(same, serial), Map.of(), List.of());
        assertThat(m).singleElement().satisfies(x -> {
            assertThat(x.present().device()).isEqualTo("/dev/sdb");
            assertThat(x.how()).isEqualTo("serial");
        });
    }

    @Test
    void twoDisksOfTheSizeAreAmbiguousAndNamed() {
        assertThatThrownBy(() -> DiskMapping.map(recorded, List.of(LayoutFixtures.present("/dev/sda", 4 * GIB),
                LayoutFixtures.present("/dev/sdb", 4 * GIB)), Map.of(), List.of()))
                .isInstanceOf(LayoutException.class).hasMessageContaining("2 free disks of its size")
                .hasMessageContaining("--disk /dev/vda=DISK");
    }

    @Test
    void aNamedDiskIsTakenWhateverItsSize() throws Exception {
        List<DiskMapping.Match> m = DiskMapping.map(recorded, List.of(LayoutFixtures.present("/dev/sda", 4 * GIB),
                LayoutFixtures.present("/dev/sdb", 9 * GIB)), Map.of("/dev/vda", "/dev/sdb"), List.of());
        assertThat(m.getFirst().present().device()).isEqualTo("/dev/sdb");
    }

    @Test
    void aDiskHoldingTheMediaIsNeverWritten() {
        PresentDisk stick = new PresentDisk("/dev/sdc", 4 * GIB, 512, null, null, null, "it holds the flar volume FLAR_1_1");
        assertThatThrownBy(() -> DiskMapping.map(recorded, List.of(stick), Map.of(), List.of("/dev/sdc")))
                .isInstanceOf(LayoutException.class).hasMessage("/dev/sdc: will not be written: it holds the flar volume FLAR_1_1");
        assertThatThrownBy(() -> DiskMapping.map(recorded, List.of(stick), Map.of(), List.of()))
                .isInstanceOf(LayoutException.class).hasMessageContaining("no free disk");
    }

    @Test
    void theNumberOfTargetDisksMustBeTheRecordedOnes() {
        assertThatThrownBy(() -> DiskMapping.map(recorded, List.of(LayoutFixtures.present("/dev/sda", 4 * GIB)), Map.of(),
                List.of("/dev/sda", "/dev/sdb"))).isInstanceOf(LayoutException.class).hasMessageContaining("1 disk(s)");
    }
}
