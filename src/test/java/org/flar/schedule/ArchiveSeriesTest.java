package org.flar.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveSeriesTest {
    @TempDir
    Path dir;

    @Test
    void differentialsBelongToTheFullArchiveBeforeThem() throws Exception {
        for (String f : new String[] {"n-20260101-000000-full.flar", "n-20260102-000000-diff.flar",
            "n-20260103-000000-full.flar", "n-20260104-000000-diff.flar", "n-20260105-000000-diff.flar",
            "other-20260106-000000-full.flar", "n-notes.txt"}) {
            Files.writeString(dir.resolve(f), "");
        }
        ArchiveSeries s = ArchiveSeries.of("n", dir);
        assertThat(s.archives()).hasSize(5);
        assertThat(s.lastFull().file().getFileName()).hasToString("n-20260103-000000-full.flar");
        assertThat(s.differentialsSinceLastFull()).isEqualTo(2);
        assertThat(s.beyond(2)).isEmpty();
        assertThat(s.beyond(1)).extracting(a -> a.file().getFileName().toString())
                .containsExactly("n-20260101-000000-full.flar", "n-20260102-000000-diff.flar");
        assertThat(s.next(Instant.parse("2026-01-06T02:30:05Z"), false).getFileName())
                .hasToString("n-20260106-023005-diff.flar");
    }

    @Test
    void aMissingDirectoryIsAnEmptySeries() throws Exception {
        ArchiveSeries s = ArchiveSeries.of("n", dir.resolve("none"));
        assertThat(s.archives()).isEmpty();
        assertThat(s.lastFull()).isNull();
    }
}
