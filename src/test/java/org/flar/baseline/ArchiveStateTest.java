package org.flar.baseline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.flar.capture.BaseEntry;
import org.flar.format.CorruptArchiveException;
import org.flar.format.FlashArchiveReader;
import org.flar.format.Identification;
import org.flar.testing.Jobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base archive is opened, checked and parsed on its own thread, overlapping the capture's
 * start: what it yields, and that its failures and an early close still reach the capture.
 */
class ArchiveStateTest {
    @TempDir
    Path work;

    @Test
    void yieldsTheManifestInOrderAndNamesTheBase() throws Exception {
        Path root = Files.createDirectories(work.resolve("root"));
        Files.writeString(Files.createDirectories(root.resolve("etc")).resolve("hostname"), "master\n");
        Files.writeString(root.resolve("b"), "b\n");
        Path full = work.resolve("full.flar");
        Jobs.create(root, "base", full);
        Identification id;
        try (InputStream in = Files.newInputStream(full); FlashArchiveReader r = FlashArchiveReader.open(in, "full")) {
            id = r.identification();
        }

        List<String> paths = new ArrayList<>();
        try (ArchiveState state = ArchiveState.open(full)) {
            for (BaseEntry e; (e = state.next()) != null; ) {
                paths.add(e.path());
            }
            assertThat(state.keywords())
                    .containsEntry(Identification.BASE_STATE_SHA256, id.get(Identification.STATE_SHA256))
                    .containsEntry(Identification.BASE_ARCHIVE_ID, id.get(Identification.ARCHIVE_ID))
                    .containsEntry(Identification.BASE_CONTENT_NAME, "base");
        }
        assertThat(paths).containsExactly(".", "b", "etc", "etc/hostname");
    }

    @Test
    void aBaseThatIsNoArchiveFailsTheFirstReadAndTheKeywords() throws Exception {
        Path notAnArchive = Files.writeString(work.resolve("notes.txt"), "just text\n", UTF_8);
        try (ArchiveState state = ArchiveState.open(notAnArchive)) {
            assertThatThrownBy(state::next).isInstanceOf(CorruptArchiveException.class)
                    .hasMessageContaining("not a flash archive");
            assertThatThrownBy(state::keywords).isInstanceOf(CorruptArchiveException.class)
                    .hasMessageContaining("not a flash archive");
        }
    }

    @Test
    void aMissingBaseFailsAsTheFileIsOpened() throws Exception {
        try (ArchiveState state = ArchiveState.open(work.resolve("gone.flar"))) {
            assertThatThrownBy(state::next).isInstanceOf(java.nio.file.NoSuchFileException.class);
        }
    }

    @Test
    void closeEndsAReadBlockedOnItsSource() throws Exception {
        // A network read ignores interrupts: only closing the stream ends it.
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        InputStream stalled = new InputStream() {
            @Override
            public int read() throws IOException {
                reading.countDown();
                while (true) {
                    try {
                        closed.await();
                        throw new IOException("stream closed");
                    } catch (InterruptedException ignored) {
                        // as a socket read would
                    }
                }
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
        ArchiveState state = ArchiveState.open(() -> stalled, "remote.flar");
        reading.await();
        state.close();
        assertThat(closed.getCount()).isZero();
    }
}
