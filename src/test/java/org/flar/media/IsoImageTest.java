package org.flar.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flar.format.CorruptArchiveException;
import org.flar.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** flar's ISO 9660 reader on images xorriso masters, and on images that lie. */
class IsoImageTest {
    @TempDir
    Path dir;
    Path iso;
    byte[] piece;
    Catalog catalog;

    @BeforeEach
    void volume() throws Exception {
        Tools.requireTool("xorriso");
        Path content = Files.createDirectories(dir.resolve("content/FLAR"));
        piece = new byte[300_000];
        new java.util.Random(7).nextBytes(piece);
        Files.write(content.resolve("P0001"), piece);
        catalog = new Catalog(CatalogTest.SET, "t", 1, 1, piece.length, Catalog.sha256(piece), Map.of(),
                List.of(new Piece(1, "FLAR/P0001", piece.length, Catalog.sha256(piece))));
        Files.write(dir.resolve("content").resolve(Catalog.FILE), catalog.format());
        iso = dir.resolve("v.iso");
        new XorrisoMaster().master(dir.resolve("content"), catalog.label(), iso);
    }

    @Test
    void readsWhatXorrisoWrote() throws Exception {
        try (Volume v = Volume.open(iso)) {
            assertThat(v.catalog()).isEqualTo(catalog);
            try (InputStream in = v.open(v.catalog().pieces().getFirst())) {
                assertThat(in.readAllBytes()).isEqualTo(piece);
            }
        }
    }

    @Test
    void aTruncatedImageIsNamed() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(iso.toFile(), "rw")) {
            f.setLength(40 * 2048);
        }
        assertThatThrownBy(() -> {
            try (Volume v = Volume.open(iso)) {
                SetStream.check(v, v.catalog().pieces().getFirst());
            }
        }).isInstanceOf(CorruptArchiveException.class).hasMessageStartingWith(iso.toString()).hasMessageContaining("truncated");
    }

    @Test
    void aFileThatIsNotAnImageIsNamed() throws Exception {
        Path junk = dir.resolve("junk.iso");
        Files.write(junk, new byte[64 * 1024]);
        assertThatThrownBy(() -> Volume.open(junk)).isInstanceOf(CorruptArchiveException.class)
                .hasMessage(junk + ": not an ISO 9660 image (no primary volume descriptor at sector 16)");
        Path tiny = dir.resolve("tiny.iso");
        Files.write(tiny, new byte[100]);
        assertThatThrownBy(() -> Volume.open(tiny)).isInstanceOf(CorruptArchiveException.class)
                .hasMessageStartingWith(tiny.toString());
    }

    @Test
    void aLabelThatDisagreesWithTheCatalogIsRefused() throws Exception {
        Path other = dir.resolve("other.iso");
        new XorrisoMaster().master(dir.resolve("content"), "FLAR_DEADBEEF_1", other);
        assertThatThrownBy(() -> Volume.open(other)).hasMessageContaining("label 'FLAR_DEADBEEF_1' but its catalog says "
                + catalog.label());
    }

    @Test
    void aRootDirectoryPointingPastTheEndIsRefused() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(iso.toFile(), "rw")) {
            f.seek(16 * 2048 + 156 + 2);
            f.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
        }
        assertThatThrownBy(() -> Volume.open(iso)).isInstanceOf(CorruptArchiveException.class)
                .hasMessageContaining("beyond the end of the image");
    }
}
