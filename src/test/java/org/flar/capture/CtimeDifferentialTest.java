package org.flar.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import org.flar.baseline.Differ;
import org.flar.format.FlashArchiveReader;
import org.flar.format.Identification;
import org.flar.fs.Posix;
import org.flar.progress.Progress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A differential against a base captured from the same tree takes entries whose ctime predates
 * the base's walk from lstat alone. The base here is captured with a clock ten seconds ahead, so
 * that the files just made count as older than its walk, without waiting.
 */
class CtimeDifferentialTest {
    private static final Clock AHEAD = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(10));

    @TempDir
    Path work;
    Path root;
    Path base;

    @BeforeEach
    void captureTheBase() throws Exception {
        root = Files.createDirectories(work.resolve("root"));
        assumeThat(Posix.birthTime(root)).as("a file system that records birth times").isNotEqualTo(Long.MIN_VALUE);
        Files.writeString(root.resolve("tagged"), "t\n");
        Posix.setXattr(root.resolve("tagged"), "user.k", new byte[] {1});
        Files.writeString(root.resolve("plain"), "p\n");
        Files.createSymbolicLink(root.resolve("link"), Path.of("plain"));
        base = work.resolve("base.flar");
        try (OutputStream out = Files.newOutputStream(base)) {
            new Capture(CaptureOptions.of(root, "base"), Progress.NONE).clock(AHEAD).run(out, base);
        }
    }

    private CaptureResult differential(Clock clock) throws Exception {
        try (Differ differ = Differ.againstArchive(base, ExcludeRules.none())) {
            return new Capture(CaptureOptions.of(root, "d"), Progress.NONE, new Differential(differ, false, ChangeListener.NONE))
                    .clock(clock).run(OutputStream.nullOutputStream(), null);
        }
    }

    @Test
    void theBaseNamesItsWalkAndItsTree() throws Exception {
        try (InputStream in = Files.newInputStream(base); FlashArchiveReader r = FlashArchiveReader.open(in, "base")) {
            assertThat(r.identification().get(Identification.CREATION_STARTED)).matches("[1-9][0-9]*\\.[0-9]{9}");
            assertThat(r.identification().get(Identification.CREATION_ROOT)).isEqualTo(CtimeTrust.rootIdentity(root));
        }
    }

    @Test
    void anUnchangedTreeIsTheBasesStateAndAChangeLstatShowsIsStillFound() throws Exception {
        CaptureResult same = differential(AHEAD);
        assertThat(same.unchanged()).isEqualTo(4);
        assertThat(same.entries()).isZero();

        Files.setPosixFilePermissions(root.resolve("plain"), PosixFilePermissions.fromString("rw-------"));
        CaptureResult chmod = differential(AHEAD);
        assertThat(chmod.metadataOnly()).isEqualTo(1);
        assertThat(chmod.unchanged()).isEqualTo(3);
    }

    @Test
    void aClockBehindTheBasesWalkTrustsNoCtime() throws Exception {
        // An xattr change leaves size, mode and mtime alone: only its ctime, or listing the xattrs, shows it.
        Posix.setXattr(root.resolve("tagged"), "user.k", new byte[] {2});
        assertThat(differential(AHEAD).metadataOnly())
                .as("the base's clock ran ahead of the change: taken as unchanged, the limit docs/format.md states")
                .isZero();
        assertThat(differential(Clock.systemUTC()).metadataOnly())
                .as("now is before the base's walk: the clock went back, nothing is trusted").isEqualTo(1);
    }
}
