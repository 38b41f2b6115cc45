package org.flar.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MediaSizeTest {
    @Test
    void namedMediaHaveTheirRecordableSectors() {
        assertThat(MediaSize.parse("cd650").sectors()).isEqualTo(333_000);
        assertThat(MediaSize.parse("CD700").sectors()).isEqualTo(360_000);
        assertThat(MediaSize.parse("dvd5").sectors()).isEqualTo(2_295_104);
        assertThat(MediaSize.parse("dvd9").sectors()).isEqualTo(4_173_824);
        assertThat(MediaSize.parse("bd25").sectors()).isEqualTo(12_219_392);
        assertThat(MediaSize.parse("bd50").sectors()).isEqualTo(24_438_784);
    }

    @Test
    void sizesCountInPowersOf1000Or1024AndRoundDownToSectors() {
        assertThat(MediaSize.parse("64M").bytes()).isEqualTo(64_000_000L / 2048 * 2048);
        assertThat(MediaSize.parse("700MiB").bytes()).isEqualTo(700L << 20);
        assertThat(MediaSize.parse("4.7G").bytes()).isEqualTo(4_700_000_000L / 2048 * 2048);
        assertThat(MediaSize.parse("1TiB").sectors()).isEqualTo((1L << 40) / 2048);
    }

    @Test
    void nonsenseAndTooSmallAreRefused() {
        assertThatThrownBy(() -> MediaSize.parse("floppy")).hasMessageContaining("not a medium");
        assertThatThrownBy(() -> MediaSize.parse("12iB")).hasMessageContaining("not a medium");
        assertThatThrownBy(() -> MediaSize.parse("1M")).hasMessageContaining("too small");
    }

    @Property(tries = 500)
    void mebibytesAreExact(@ForAll @IntRange(min = 8, max = 10_000_000) int mib) {
        assertThat(MediaSize.parse(mib + "MiB").bytes()).isEqualTo((long) mib << 20);
    }

    @Test
    void aPlanLeavesRoomForIsoStructuresAndTheBootPayload() {
        VolumePlan plain = new VolumePlan(MediaSize.parse("cd700"), VolumePlan.DEFAULT_PIECE_SIZE, 0);
        VolumePlan boot = new VolumePlan(MediaSize.parse("cd700"), VolumePlan.DEFAULT_PIECE_SIZE, 100L << 20);
        assertThat(plain.share(1)).isEqualTo(plain.share(2)).isLessThan(MediaSize.parse("cd700").bytes() - (3L << 20));
        assertThat(boot.share(1)).isEqualTo(plain.share(1) - (100L << 20));
        assertThat(boot.volumesFor(boot.share(1))).isEqualTo(1);
        assertThat(boot.volumesFor(boot.share(1) + 1)).isEqualTo(2);
        assertThat(boot.volumesFor(boot.share(1) + 2 * boot.share(2))).isEqualTo(3);
        assertThatThrownBy(() -> new VolumePlan(MediaSize.parse("cd700"), 3L << 30, 0)).hasMessageContaining("below 2 GiB");
        assertThatThrownBy(() -> new VolumePlan(MediaSize.parse("16M"), 1 << 20, 20L << 20).check())
                .hasMessageContaining("boot payload");
    }
}
