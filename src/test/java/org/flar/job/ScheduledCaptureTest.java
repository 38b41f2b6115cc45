package org.flar.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.flar.progress.Progress;
import org.flar.schedule.ScheduleConfig;
import org.flar.testing.Cli;
import org.flar.testing.Jobs;
import org.flar.testing.TreeSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduledCaptureTest {
    @TempDir
    Path tmp;

    /** A full, a differential against it, then (differentials = 1 reached) a full again and the first pair removed. */
    @Test
    void fullThenDifferentialAgainstItThenFullAndTheOldPairRemoved() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("a"), "one");
        Files.createDirectories(root.resolve("etc"));
        Path archives = root.resolve("srv/flar"); // inside the root: must not capture itself
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(conf.resolve("t.conf"), "directory = " + archives + "\nroot = " + root
                + "\ndifferentials = 1\nkeep = 1\ncontent-name = web01\nexclude = /etc\n");
        ScheduledCapture capture = new ScheduledCapture(ScheduleConfig.read(conf, "t"));

        ScheduledCapture.Result first = capture.run(Instant.parse("2026-12-01T02:30:00Z"), false, Progress.NONE);
        assertThat(first.archive()).isEqualTo(archives.resolve("t-20261201-023000-full.flar"));
        assertThat(first.master()).isNull();
        Files.writeString(root.resolve("a"), "two, longer");
        Files.writeString(root.resolve("b"), "new");
        ScheduledCapture.Result second = capture.run(Instant.parse("2026-12-02T02:30:00Z"), false, Progress.NONE);
        assertThat(second.archive()).isEqualTo(archives.resolve("t-20261202-023000-diff.flar"));
        assertThat(second.master()).isEqualTo(first.archive());
        assertThat(Cli.ok("info", second.archive().toString()).out()).contains("content_name=web01");

        // The pair restores the tree as it was at the second run, without the archives or /etc.
        Path target = tmp.resolve("target");
        Jobs.deploy(target, first.archive(), second.archive());
        assertThat(Files.exists(target.resolve("srv/flar/" + first.archive().getFileName()))).isFalse();
        assertThat(Files.exists(target.resolve("etc"))).isFalse();
        assertThat(Files.readString(target.resolve("a"))).isEqualTo("two, longer");
        assertThat(TreeSnapshot.of(target.resolve("b"))).isEqualTo(TreeSnapshot.of(root.resolve("b")));

        ScheduledCapture.Result third = capture.run(Instant.parse("2026-12-03T02:30:00Z"), false, Progress.NONE);
        assertThat(third.master()).isNull();
        assertThat(third.removed()).containsExactly(first.archive(), second.archive());
        try (var left = Files.list(archives)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".t.lock")).toList())
                    .containsExactly("t-20261203-023000-full.flar");
        }

        // a second run while one holds the capture's lock is refused, nothing written
        try (FileChannel channel = FileChannel.open(archives.resolve(".t.lock"), StandardOpenOption.WRITE);
             FileLock _ = channel.lock()) {
            assertThatThrownBy(() -> capture.run(Instant.parse("2026-12-04T02:30:00Z"), false, Progress.NONE))
                    .hasMessage(archives.resolve(".t.lock") + ": another run of the capture t is in progress");
        }
        assertThat(archives.resolve("t-20261204-023000-diff.flar")).doesNotExist();
    }

    @Test
    void theCommandSaysWhatItWouldDoAndAFailedRunLeavesNothing() throws Exception {
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(conf.resolve("gone.conf"), "directory = " + tmp.resolve("out") + "\nroot = " + tmp.resolve("none") + "\n");
        Cli dry = Cli.ok("schedule", "run", "--config-dir", conf.toString(), "--dry-run", "gone");
        assertThat(dry.out()).matches("(?s)" + tmp.resolve("out") + "/gone-\\d{8}-\\d{6}-full\\.flar \\(full\\)\\n");
        Cli failed = Cli.run("schedule", "run", "--config-dir", conf.toString(), "gone");
        assertThat(failed.code()).isEqualTo(2);
        assertThat(failed.err()).contains(tmp.resolve("none") + ": not a directory");
        assertThat(tmp.resolve("out")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());

        Cli missing = Cli.run("schedule", "run", "--config-dir", conf.toString(), "nosuch");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains(conf.resolve("nosuch.conf").toString());
        assertThat(List.of(Cli.run("schedule", "run", "../x").code())).containsExactly(2);
    }
}
