package org.flar.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.flar.format.PayloadFormat;
import org.flar.format.compress.Compression;
import org.flar.progress.Progress;
import org.flar.testing.Cli;
import org.flar.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that changes between the walker's lstat and the writer's read is reported by name,
 * counted, and with --strict is an error (exit 5), deterministically:
 *
 * <p>The walker (one thread, walk order) lstats {@code a/aaa}, {@code a/big}, then finds
 * {@code a/zzz} excluded and says so; the writer (the calling thread) handles entries in the
 * same order, and streams {@code a/big} (larger than {@link Capture#SMALL_FILE}) itself, after
 * it reported {@code a/aaa}. So holding the writer in {@code entry("a/aaa")} until
 * {@code excluded("a/zzz")} has run, and growing {@code a/big} there, puts the change exactly
 * between the lstat and the read.
 *
 * <p>The command line has no such hook. There, a python3 helper takes a write lease on
 * {@code a/aaa}: the capture's open of it blocks in the kernel until the lease is released. The
 * helper waits (inotify IN_OPEN) until the walker opens the directory {@code a/zzz}, which it
 * does after having lstat'ed {@code a/big}, grows {@code a/big}, then releases the lease.
 */
class ChangedWhileReadTest {
    private static final int BIG = Capture.SMALL_FILE + 4096;

    @TempDir
    Path dir;
    Path root;
    Path big;
    byte[] original;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectories(dir.resolve("root/a"));
        root = dir.resolve("root");
        Files.writeString(root.resolve("a/aaa"), "before big\n");
        original = new byte[BIG];
        new Random(42).nextBytes(original);
        big = Files.write(root.resolve("a/big"), original);
    }

    private static void grow(Path file) {
        try {
            Files.writeString(file, "grown while captured\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Grows a/big after the walker passed it and before the writer reads it; collects warnings. */
    private final class GrowBetweenStatAndRead implements Progress {
        final CountDownLatch grown = new CountDownLatch(1);
        final AtomicBoolean timedOut = new AtomicBoolean();
        final List<String> warnings = new CopyOnWriteArrayList<>();

        @Override
        public void entry(String path, long bytes) {
            if (path.equals("a/aaa")) {
                try {
                    timedOut.compareAndSet(false, !grown.await(60, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void excluded(String path, String reason) {
            if (path.equals("a/zzz")) {
                grow(big);
                grown.countDown();
            }
        }

        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    }

    private CaptureOptions options(boolean strict) {
        return CaptureOptions.builder(root, "changed").rules(new ExcludeRules(List.of("a/zzz"), List.of()))
                .threads(2).strict(strict).build();
    }

    @Test
    void aFileThatGrowsWhileReadIsReportedCountedAndTheArchiveStaysValid() throws IOException {
        Files.writeString(root.resolve("a/zzz"), "excluded\n");
        GrowBetweenStatAndRead progress = new GrowBetweenStatAndRead();
        Path archive = dir.resolve("changed.flar");

        CaptureResult result;
        try (OutputStream out = Files.newOutputStream(archive)) {
            result = new Capture(options(false), progress).run(out, archive);
        }

        assertThat(progress.timedOut).as("the walker reached a/zzz").isFalse();
        assertThat(result.changed()).isEqualTo(1);
        assertThat(progress.warnings).hasSize(1);
        assertThat(progress.warnings.getFirst()).startsWith("a/big: changed while it was read")
                .contains("size " + BIG + " -> " + (BIG + 21));

        assertThat(Cli.run("verify", "-q", archive.toString()).code()).as("the archive is still valid").isZero();
        // It holds a/big as it was when the walker saw it.
        Path target = dir.resolve("target");
        Cli.ok("deploy", "-q", "-R", target.toString(), archive.toString());
        assertThat(Files.readAllBytes(target.resolve("a/big"))).isEqualTo(original);
        assertThat(target.resolve("a/zzz")).doesNotExist();
    }

    @Test
    void strictMakesItAnError() throws IOException {
        Files.writeString(root.resolve("a/zzz"), "excluded\n");
        GrowBetweenStatAndRead progress = new GrowBetweenStatAndRead();
        Path archive = dir.resolve("strict.flar");

        try (OutputStream out = Files.newOutputStream(archive)) {
            assertThatThrownBy(() -> new Capture(options(true), progress).run(out, archive))
                    .isInstanceOf(FileChangedException.class)
                    .hasMessageStartingWith("a/big: changed while it was read");
        }
        assertThat(progress.timedOut).isFalse();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("the spool is removed")
                    .noneMatch(n -> n.startsWith(".flar-spool"));
        }
    }

    // ---- the command line, with a kernel lease as the hook ------------------------------------

    private static final String LEASE_HOLDER = """
            import ctypes, fcntl, os, select, signal, sys
            lease_file, grown, walked_dir = sys.argv[1:4]
            signal.signal(signal.SIGIO, lambda *a: None)   # the lease-break notice; default would kill us
            libc = ctypes.CDLL(None, use_errno=True)
            ino = libc.inotify_init()
            if ino < 0 or libc.inotify_add_watch(ino, walked_dir.encode(), 0x20) < 0:   # IN_OPEN
                sys.exit("inotify: " + os.strerror(ctypes.get_errno()))
            fd = os.open(lease_file, os.O_RDWR)
            fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_WRLCK)
            print("ready", flush=True)
            if not select.select([ino], [], [], 60)[0]:
                sys.exit("the walker never opened " + walked_dir)
            with open(grown, "ab") as f:
                f.write(b"grown while captured\\n")
            fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_UNLCK)
            os.close(fd)
            """;

    /** Runs {@code flar ARGS} with a/big growing after the walker's lstat and before the read. */
    private Cli createWithLease(String... args) throws Exception {
        Tools.requireTool("python3");
        Files.createDirectory(root.resolve("a/zzz"));
        Path script = Files.writeString(dir.resolve("lease.py"), LEASE_HOLDER);
        Process holder = new ProcessBuilder(Tools.find("python3").orElseThrow().toString(), script.toString(),
                root.resolve("a/aaa").toString(), big.toString(), root.resolve("a/zzz").toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).as("the lease holder is ready").isEqualTo("ready");
            Cli r = Cli.run(args);
            assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(holder.exitValue()).as(String.valueOf(out.lines().toList())).isZero();
            return r;
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void commandLineReportsAndCounts() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        Path archive = out.resolve("changed.flar");

        Cli r = createWithLease("create", "-n", "changed", "-R", root.toString(), archive.toString());

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.errLines()).anyMatch(l -> l.startsWith("flar: warning: a/big: changed while it was read (size "
                + BIG + " -> " + (BIG + 21)));
        assertThat(r.errLines().getLast()).contains("1 changed while read");
        assertThat(Cli.run("verify", "-q", archive.toString()).code()).isZero();
    }

    @Test
    void commandLineStrictExitsFiveAndLeavesNoArchive() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        Path archive = out.resolve("strict.flar");

        Cli r = createWithLease("create", "--strict", "-n", "changed", "-R", root.toString(), archive.toString());

        assertThat(r.code()).as(r.describe()).isEqualTo(5);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().getFirst()).startsWith("flar: a/big: changed while it was read (size ");
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.toList()).as("no archive, partial file or spool").isEmpty();
        }
        assertThat(Arrays.equals(Files.readAllBytes(big), 0, BIG, original, 0, BIG)).isTrue();
    }
}
