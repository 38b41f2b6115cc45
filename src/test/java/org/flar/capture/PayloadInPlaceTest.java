package org.flar.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.flar.progress.Progress;
import org.flar.testing.Cli;
import org.flar.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive written to a file gets its payload first and its text sections inserted in front
 * (ext4, XFS), byte for byte the payload a pipe gets; where the file system cannot insert ranges
 * (tmpfs), the payload is spooled and copied as before. Either way the archive verifies.
 */
class PayloadInPlaceTest {
    private static final byte[] ARCHIVE_BEGINS = "\nsection_begin=archive\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    Path root;

    @BeforeEach
    void tree() throws IOException {
        root = dir.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/hostname"), "master\n");
        byte[] noise = new byte[Capture.SMALL_FILE + 12345];
        new Random(7).nextBytes(noise);
        Files.write(root.resolve("big.bin"), noise);
        Files.createSymbolicLink(root.resolve("link"), Path.of("etc/hostname"));
    }

    @Test
    void theHeaderGoesInFrontOfThePayloadWhereTheFileSystemCanInsertRanges() throws IOException {
        // The build directory: on the repository's file system, as an archive beside its tree would be.
        Path out = Files.createTempDirectory(Path.of("target"), "in-place-");
        try {
            String fs = Files.getFileStore(out).type();
            boolean canInsert = Set.of("ext4", "xfs").contains(fs);
            String header = captureAndCheck(out);
            if (canInsert) {
                assertThat(header.length() % PayloadInPlace.BLOCK).as("header padded to whole blocks on " + fs).isZero();
                assertThat(header).contains("\nflar_padding=0");
            } else {
                assertThat(header).as(fs + " cannot insert ranges: spooled, not padded").doesNotContain("flar_padding=");
            }
        } finally {
            Tools.deleteTree(out);
        }
    }

    @Test
    void onTmpfsThePayloadIsSpooledAndTheHeaderIsNotPadded() throws IOException {
        Path shm = Files.createTempDirectory(Path.of("/dev/shm"), "flar-in-place-");
        try {
            assertThat(Files.getFileStore(shm).type()).isEqualTo("tmpfs");
            assertThat(captureAndCheck(shm)).doesNotContain("flar_padding=");
        } finally {
            Tools.deleteTree(shm);
        }
    }

    /**
     * Captures into {@code dir}/a.flar and checks what holds on every file system: the payload is
     * a pipe's, the archive verifies, nothing is left beside it. Returns the header, as text.
     */
    private String captureAndCheck(Path dir) throws IOException {
        Path archive = dir.resolve("a.flar");
        byte[] written = capture(archive);
        assertSamePayloadAsAPipe(written);
        assertThat(Cli.run("verify", "-q", archive.toString()).code()).isZero();
        try (var left = Files.list(dir)) {
            assertThat(left).as("no spool or probe left beside the archive").containsExactly(archive);
        }
        return new String(written, 0, (int) headerLength(written), StandardCharsets.UTF_8);
    }

    @Test
    void flarInfoDoesNotShowThePaddingItsJsonDoes() throws IOException {
        Path archive = dir.resolve("a.flar");
        capture(archive);
        assertThat(Cli.ok("info", archive.toString()).out()).contains("content_name=in-place").doesNotContain("flar_padding");
        if (new String(Files.readAllBytes(archive), StandardCharsets.ISO_8859_1).contains("\nflar_padding=")) {
            assertThat(Cli.ok("info", "--json", archive.toString()).out()).contains("\"flar_padding\"");
        }
    }

    private byte[] capture(Path archive) throws IOException {
        try (FileOutputStream out = new FileOutputStream(archive.toFile())) {
            new Capture(options(), Progress.NONE).run(out, archive);
        }
        return Files.readAllBytes(archive);
    }

    private CaptureOptions options() {
        return CaptureOptions.builder(root, "in-place").threads(2).build();
    }

    private void assertSamePayloadAsAPipe(byte[] written) throws IOException {
        ByteArrayOutputStream pipe = new ByteArrayOutputStream();
        new Capture(options(), Progress.NONE).run(pipe, null);
        byte[] piped = pipe.toByteArray();
        assertThat(Arrays.copyOfRange(written, (int) headerLength(written), written.length))
                .as("the stored payload").isEqualTo(Arrays.copyOfRange(piped, (int) headerLength(piped), piped.length));
    }

    /** Bytes up to and including the line section_begin=archive. */
    private static long headerLength(byte[] archive) {
        for (int i = 0; i + ARCHIVE_BEGINS.length <= archive.length; i++) {
            if (Arrays.equals(archive, i, i + ARCHIVE_BEGINS.length, ARCHIVE_BEGINS, 0, ARCHIVE_BEGINS.length)) {
                return i + ARCHIVE_BEGINS.length;
            }
        }
        throw new AssertionError("no section_begin=archive line");
    }
}
