package org.flar.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flar.fs.Commands.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.flar.entry.SparseMap;
import org.flar.entry.SparseMap.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SEEK_DATA/SEEK_HOLE on files shaped with truncate(1) and dd(1). */
class PosixDataSegmentsTest {
    private static final long GIB = 1L << 30;
    private static final int BLOCK = 4096;

    @TempDir
    Path dir;

    @Test
    void findsDataAroundAndPastFourGibibytes() throws IOException {
        Path p = dir.resolve("sparse");
        run("truncate", "-s", "5G", p.toString());
        writeBlocks(p, 0, 1);
        // Past 4 GiB: an offset that a 32-bit field would wrap.
        writeBlocks(p, 4 * GIB / BLOCK + 10, 2);
        writeBlocks(p, 5 * GIB / BLOCK - 1, 1);

        SparseMap map = Posix.dataSegments(p, Posix.lstat(p).size());

        assertThat(map.realSize()).isEqualTo(5 * GIB);
        assertThat(map.segments()).containsExactly(
                new Segment(0, BLOCK),
                new Segment(4 * GIB + 10 * BLOCK, 2 * BLOCK),
                new Segment(5 * GIB - BLOCK, BLOCK));
        assertThat(Posix.lstat(p).mayBeSparse()).isTrue();
    }

    @Test
    void fileEndingInAHoleHasNoSegmentThere() throws IOException {
        Path p = dir.resolve("tail-hole");
        run("truncate", "-s", "1M", p.toString());
        writeBlocks(p, 3, 1);
        assertThat(Posix.dataSegments(p, 1 << 20).segments()).containsExactly(new Segment(3 * BLOCK, BLOCK));
    }

    @Test
    void denseFileIsOneSegment() throws IOException {
        Path p = Files.write(dir.resolve("dense"), new byte[10_000]);
        assertThat(Posix.dataSegments(p, 10_000).segments()).containsExactly(new Segment(0, 10_000));
    }

    @Test
    void holesOnlyAndEmptyFilesHaveNoSegments() throws IOException {
        Path holes = dir.resolve("holes");
        run("truncate", "-s", "1G", holes.toString());
        assertThat(Posix.dataSegments(holes, GIB)).isEqualTo(new SparseMap(List.of(), GIB));
        Path empty = Files.createFile(dir.resolve("empty"));
        assertThat(Posix.dataSegments(empty, 0).segments()).isEmpty();
    }

    @Test
    void stopsAtTheSizeGivenEvenIfTheFileGrew() throws IOException {
        Path p = Files.write(dir.resolve("grown"), new byte[10_000]);
        assertThat(Posix.dataSegments(p, 5_000).segments()).containsExactly(new Segment(0, 5_000));
    }

    @Test
    void refusesSymlinks() throws IOException {
        Path target = Files.write(dir.resolve("t"), new byte[10]);
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertThatThrownBy(() -> Posix.dataSegments(link, 10))
                .hasMessage("open " + link + ": Too many levels of symbolic links");
    }

    @Test
    @Timeout(10)
    void fifoFailsInsteadOfBlocking() throws IOException {
        Path fifo = dir.resolve("fifo");
        Posix.mkfifo(fifo, 0600);
        assertThatThrownBy(() -> Posix.dataSegments(fifo, 10))
                .isInstanceOf(PosixException.class)
                .hasMessageStartingWith("lseek SEEK_DATA " + fifo + ": ");
    }

    @Test
    void missingFileIsNoSuchFile() {
        assertThatThrownBy(() -> Posix.dataSegments(dir.resolve("nope"), 1)).isInstanceOf(NoSuchFileException.class);
    }

    private static void writeBlocks(Path p, long firstBlock, int count) {
        run("dd", "if=/dev/urandom", "of=" + p, "bs=" + BLOCK, "seek=" + firstBlock, "count=" + count,
                "conv=notrunc", "status=none");
    }
}
