package org.flar.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
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

/**
 * A deployment killed with SIGKILL while it writes a large file leaves no temporary name in the
 * target (the file is made without a name and linked in only when complete), and the next
 * deployment finishes with nothing to clear up.
 */
class KilledMidFileTest {
    @TempDir
    Path work;

    @Test
    void aDeploymentKilledWhileWritingAFileLeavesNoName() throws Exception {
        Path tree = Files.createDirectories(work.resolve("tree"));
        Files.writeString(tree.resolve("first"), "before the large file\n");
        Path bigDir = Files.createDirectories(tree.resolve("big"));
        writeLargeFile(bigDir.resolve("image"), 256);
        Files.writeString(bigDir.resolve("last"), "after the large file\n");
        Path archive = work.resolve("a.flar");
        Cli.ok("create", "-q", "-c", "none", "-R", tree.toString(), archive.toString());
        Path target = work.resolve("target");

        Process p = new ProcessBuilder(FlarProcess.command("deploy", "-q", "--no-state", "-R", target.toString(),
                archive.toString())).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean caught = false;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (p.isAlive() && !caught && Instant.now().isBefore(deadline)) {
            caught = writesInto(p.pid(), target.resolve("big"));
        }
        p.destroyForcibly().waitFor();

        assertThat(caught).as("the deployment was killed while it had a file of big/ open").isTrue();
        assertThat(Files.exists(target.resolve("big/image"))).isFalse();
        assertThat(leftovers(target)).isEmpty();

        Cli again = Cli.run("deploy", "--no-state", "-R", target.toString(), archive.toString());

        assertThat(again.code()).as(again.describe()).isZero();
        assertThat(again.err()).doesNotContain("temporary file(s)");
        assertThat(leftovers(target)).isEmpty();
        assertThat(IndependentComparison.differences(tree, target)).isEmpty();
    }

    /** Whether process {@code pid} has a file open in {@code dir} (an unnamed one shows as "DIR/#INO (deleted)"). */
    private static boolean writesInto(long pid, Path dir) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).startsWith(dir);
                } catch (IOException closedMeanwhile) {
                    return false;
                }
            });
        } catch (IOException | java.io.UncheckedIOException exited) {
            return false;
        }
    }

    /** {@code mib} MiB that differ block by block, written fast (no compression in the archive). */
    private static void writeLargeFile(Path file, int mib) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mib; i++) {
                block[0] = (byte) i;
                block[block.length / 2] = (byte) (i >> 8);
                out.write(block);
            }
        }
    }

    private static List<Path> leftovers(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".flar-")).toList();
        }
    }
}
