package org.flar.media;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.flar.format.CorruptArchiveException;
import org.junit.jupiter.api.Test;

class CatalogTest {
    static final String SET = "1a2b3c4d5e6f708192a3b4c5d6e7f809";
    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);

    static Catalog first() {
        return new Catalog(SET, "web01", 1, 2, 30, B, Map.of("content_name", "web01"),
                List.of(new Piece(1, "FLAR/P0001", 10, A), new Piece(2, "FLAR/P0001", 20, B)));
    }

    @Test
    void formatThenParseGivesTheCatalogBack() throws Exception {
        Catalog c = first();
        assertThat(Catalog.parse(c.format(), "v1")).isEqualTo(c);
        assertThat(c.label()).isEqualTo("FLAR_1A2B3C4D_1");
        Catalog two = new Catalog(SET, "web01", 2, 0, -1, null, Map.of(), List.of(new Piece(2, "FLAR/P0001", 20, B)));
        assertThat(Catalog.parse(two.format(), "v2")).isEqualTo(two);
        assertThat(new String(two.format(), UTF_8)).doesNotContain("volumes=", "archive_sha256");
    }

    @Test
    void aChangedByteIsCaughtByTheCatalogChecksum() {
        byte[] b = first().format();
        b[40] ^= 1;
        assertThatThrownBy(() -> Catalog.parse(b, "x.iso")).isInstanceOf(CorruptArchiveException.class)
                .hasMessageStartingWith("x.iso: catalog FLAR/CATALOG.TXT: ");
    }

    @Test
    void volumeOneMustCarryTheTotalsAndPiecesThatAddUp() {
        Catalog noTotals = new Catalog(SET, "s", 1, 0, -1, null, Map.of(), List.of(new Piece(1, "FLAR/P0001", 10, A)));
        assertThatThrownBy(() -> Catalog.parse(noTotals.format(), "v")).hasMessageContaining("volume 1 must give");
        Catalog wrongSum = new Catalog(SET, "s", 1, 1, 11, A, Map.of(), List.of(new Piece(1, "FLAR/P0001", 10, A)));
        assertThatThrownBy(() -> Catalog.parse(wrongSum.format(), "v")).hasMessageContaining("do not add up");
    }

    @Test
    void anotherVolumeListsOnlyItsOwnPiecesInOrder() {
        Catalog foreign = new Catalog(SET, "s", 2, 3, -1, null, Map.of(), List.of(new Piece(3, "FLAR/P0001", 10, A)));
        assertThatThrownBy(() -> Catalog.parse(foreign.format(), "v")).hasMessageContaining("lists a piece of volume 3");
        Catalog backwards = new Catalog(SET, "s", 1, 2, 20, A, Map.of(),
                List.of(new Piece(2, "FLAR/P0001", 10, A), new Piece(1, "FLAR/P0001", 10, A)));
        assertThatThrownBy(() -> Catalog.parse(backwards.format(), "v")).hasMessageContaining("out of order");
        Catalog twice = new Catalog(SET, "s", 1, 1, 20, A, Map.of(),
                List.of(new Piece(1, "FLAR/P0001", 10, A), new Piece(1, "FLAR/P0001", 10, A)));
        assertThatThrownBy(() -> Catalog.parse(twice.format(), "v")).hasMessageContaining("listed twice");
    }

    @Test
    void pieceFilesAreFlarsOwnNamesOnly() {
        String text = new String(first().format(), UTF_8).replace("FLAR/P0001 10", "../etc/passwd 10");
        assertThatThrownBy(() -> Catalog.parse(resum(text), "v")).hasMessageContaining("bad piece line");
    }

    @Test
    void notACatalogAtAll() {
        assertThatThrownBy(() -> Catalog.parse("hello\n".getBytes(UTF_8), "v")).hasMessageContaining("not a flar volume catalog");
        assertThatThrownBy(() -> Catalog.parse(new byte[] {(byte) 0xff, 0x0a}, "v")).hasMessageContaining("not UTF-8");
    }

    /** The text with a correct catalog_sha256 again, so the check under test is the one that fails. */
    static byte[] resum(String text) {
        String body = text.substring(0, text.lastIndexOf("catalog_sha256="));
        return (body + "catalog_sha256=" + Catalog.sha256(body.getBytes(UTF_8)) + "\n").getBytes(UTF_8);
    }
}
