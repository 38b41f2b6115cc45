package org.flar.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.fs.FileStat;
import org.junit.jupiter.api.Test;

/** Which entries a differential takes from lstat alone, and which bases earn that trust. */
class CtimeTrustTest {
    private static final String ROOT = "64768:2:1700000000123456789";
    private static final long STARTED = 1_800_000_000_000_000_000L;
    private static final long MTIME = 1_700_000_100_000_000_000L;

    private static CtimeTrust trust() {
        return CtimeTrust.of(CtimeTrust.formatStarted(STARTED), ROOT, ROOT, STARTED + 5_000_000_000L);
    }

    private static FileStat file(long ctime, int mode, long size) {
        return new FileStat(64768, 42, FileStat.S_IFREG | mode, 1, 0, 0, 0, size, 8, MTIME, ctime);
    }

    private static Entry base(long size) {
        return Entry.builder("etc/hosts", EntryType.FILE).mode(0644).owner(0, 0).mtimeNanos(MTIME).size(size).build();
    }

    @Test
    void anEntryWhoseCtimePredatesTheBasesWalkByTheMarginIsTheBasesLine() {
        long before = STARTED - CtimeTrust.MARGIN_NANOS;
        assertThat(trust().unchanged(file(before - 1, 0644, 10), EntryType.FILE, base(10))).isTrue();
        assertThat(trust().unchanged(file(before, 0644, 10), EntryType.FILE, base(10)))
                .as("within the margin: the coarse ctime of a change just after the start").isFalse();
        assertThat(trust().unchanged(file(STARTED + 1, 0644, 10), EntryType.FILE, base(10))).isFalse();
    }

    @Test
    void whatLstatShowsMustStillMatchTheBase() {
        long old = STARTED - 10 * CtimeTrust.MARGIN_NANOS;
        assertThat(trust().unchanged(file(old, 0600, 10), EntryType.FILE, base(10))).isFalse();
        assertThat(trust().unchanged(file(old, 0644, 11), EntryType.FILE, base(10))).isFalse();
        assertThat(trust().unchanged(file(old, 0644, 10), EntryType.HARDLINK,
                Entry.builder("etc/hosts", EntryType.HARDLINK).mode(0644).mtimeNanos(MTIME).build()))
                .as("a hardlink's later name may have to be sent again with its file").isFalse();
        FileStat dir = new FileStat(64768, 43, FileStat.S_IFDIR | 0755, 2, 0, 0, 0, 4096, 8, MTIME, old);
        assertThat(trust().unchanged(dir, EntryType.DIRECTORY, base(10))).as("a file in the base").isFalse();
        assertThat(trust().unchanged(dir, EntryType.DIRECTORY,
                Entry.builder("etc", EntryType.DIRECTORY).mode(0755).mtimeNanos(MTIME).build())).isTrue();
    }

    @Test
    void onlyABaseCapturedFromThisTreeWithAClockNotAheadOfNowEarnsTrust() {
        long old = STARTED - 10 * CtimeTrust.MARGIN_NANOS;
        FileStat st = file(old, 0644, 10);
        String started = CtimeTrust.formatStarted(STARTED);
        assertThat(CtimeTrust.of(started, ROOT, "64768:2:1700000000999999999", STARTED).unchanged(st, EntryType.FILE, base(10)))
                .as("another tree: a copy, a restore, a clone").isFalse();
        assertThat(CtimeTrust.of(started, ROOT, null, STARTED).unchanged(st, EntryType.FILE, base(10)))
                .as("no birth time here").isFalse();
        assertThat(CtimeTrust.of(null, null, ROOT, STARTED).unchanged(st, EntryType.FILE, base(10)))
                .as("a base of an older flar").isFalse();
        assertThat(CtimeTrust.of(started, ROOT, ROOT, STARTED - 1).unchanged(st, EntryType.FILE, base(10)))
                .as("the clock went back since the base's walk").isFalse();
        for (String spelt : new String[] {"1800000000", "1800000000.5", "01800000000.000000000", "-1.000000000",
                "99999999999.000000000", ""}) {
            assertThat(CtimeTrust.of(spelt, ROOT, ROOT, Long.MAX_VALUE).unchanged(st, EntryType.FILE, base(10)))
                    .as(spelt).isFalse();
        }
        assertThat(CtimeTrust.of(started, ROOT, ROOT, STARTED).unchanged(st, EntryType.FILE, base(10))).isTrue();
    }

    @Test
    void startedIsSpeltAsAManifestTime() {
        assertThat(CtimeTrust.formatStarted(1_700_000_000_000_000_007L)).isEqualTo("1700000000.000000007");
    }
}
