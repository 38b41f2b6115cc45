package org.flar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalProgressTest {
    @TempDir
    Path tmp;

    @Test
    void theLineShowsPercentRateAndTimeLeftOnceATotalIsKnown() {
        long mib = 1024 * 1024;
        assertThat(TerminalProgress.line("create", 1200, 300 * mib, 1000 * mib, 10_000_000_000L))
                .isEqualTo("create: 1200 entries, 300.0 MiB of 1000.0 MiB  30%  30.0 MiB/s  23s left");
        assertThat(TerminalProgress.line("create", 5, 300 * mib, -1, 10_000_000_000L))
                .isEqualTo("create: 5 entries, 300.0 MiB  30.0 MiB/s");
        // a rate after a second, the time left only after three
        assertThat(TerminalProgress.line("deploy", 1, 2 * mib, 100 * mib, 2_000_000_000L))
                .isEqualTo("deploy: 1 entries, 2.0 MiB of 100.0 MiB   2%  1.0 MiB/s");
        // too early for a rate: no rate, no time left
        assertThat(TerminalProgress.line("deploy", 1, 10, 100, 1000)).isEqualTo("deploy: 1 entries, 10 B of 100 B  10%");
        // a counted total is of its moment: never 100 % before the end
        assertThat(TerminalProgress.percent(120, 100)).isEqualTo(99);
        assertThat(TerminalProgress.duration(45)).isEqualTo("45s");
        assertThat(TerminalProgress.duration(130)).isEqualTo("2m10s");
        assertThat(TerminalProgress.duration(3 * 3600 + 5 * 60 + 9)).isEqualTo("3h05m");
    }

    @Test
    void progressJsonIsOneObjectALineEndingWithTheWholePhase() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.write(root.resolve("a"), new byte[300_000]);
        Files.write(root.resolve("b"), new byte[4000]);
        Cli r = Cli.ok("create", "--progress=json", "-R", root.toString(), "-n", "t", tmp.resolve("t.flar").toString());
        List<JsonNode> events = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : r.err().lines().filter(l -> l.startsWith("{")).toList()) {
            events.add(json.readTree(line));
        }
        assertThat(events).isNotEmpty();
        JsonNode done = events.getLast();
        assertThat(done.get("event").asText()).isEqualTo("done");
        assertThat(done.get("phase").asText()).isEqualTo("create");
        assertThat(done.get("entries").asLong()).isEqualTo(3);
        assertThat(done.get("bytes").asLong()).isEqualTo(304_000);
        assertThat(done.has("secondsLeft")).isTrue();
        // the summary still follows, as without --progress
        assertThat(r.err()).contains("flar: " + tmp.resolve("t.flar") + ": 3 entries");
        assertThat(Cli.run("create", "--progress=fancy", "-R", root.toString(), tmp.resolve("u.flar").toString()).code())
                .isEqualTo(2);
    }
}
