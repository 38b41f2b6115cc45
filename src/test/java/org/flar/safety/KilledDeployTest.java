package org.flar.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.flar.testing.Cli;
import org.flar.testing.FlarProcess;
import org.flar.testing.IndependentComparison;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deployment killed with SIGKILL leaves temporary files; the next one into that target removes them. */
class KilledDeployTest {
    @TempDir
    Path work;

    @Test
    void theNextDeploymentRemovesWhatAKilledOneLeft() throws Exception {
        Path tree = Files.createDirectories(work.resolve("tree"));
        byte[] block = new byte[32 << 10];
        for (int d = 0; d < 30; d++) {
            Path dir = Files.createDirectories(tree.resolve("d" + d));
            for (int f = 0; f < 30; f++) {
                block[0] = (byte) d;
                block[1] = (byte) f;
                Files.write(dir.resolve("f" + f), block);
            }
        }
        Path archive = work.resolve("a.flar");
        Cli.ok("create", "-q", "-c", "none", "-R", tree.toString(), archive.toString());
        Path target = work.resolve("target");

        Process p = new ProcessBuilder(FlarProcess.command("deploy", "-q", "--no-state", "-R", target.toString(),
                archive.toString())).redirectErrorStream(true).start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (p.isAlive() && entries(target) < 300 && Instant.now().isBefore(deadline)) {
            Thread.sleep(5);
        }
        p.destroyForcibly().waitFor();
        // Leftovers of a kill are planted as well, so the test does not depend on where the kill landed.
        Files.createDirectories(target.resolve("d7"));
        Files.writeString(target.resolve("d7/.flar-2147483-9"), "half written\n");

        Cli again = Cli.run("deploy", "--no-state", "-R", target.toString(), archive.toString());

        assertThat(again.code()).as(again.describe()).isZero();
        assertThat(again.err()).contains("temporary file(s) an interrupted deployment had left");
        assertThat(leftovers(target)).isEmpty();
        assertThat(IndependentComparison.differences(tree, target)).isEmpty();
    }

    private static long entries(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.count();
        } catch (java.io.UncheckedIOException renamedMeanwhile) {
            return 0;
        }
    }

    private static List<Path> leftovers(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".flar-")).toList();
        }
    }
}
