package org.flar.media;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.flar.format.CorruptArchiveException;

/** A catalog comes from a disc: whatever its bytes, parsing ends in a catalog or a CorruptArchiveException. */
class CatalogProperties {

    @Property(tries = 2000)
    void damagedCatalogsOnlyThrowCorruptArchive(@ForAll("damaged") byte[] bytes) {
        try {
            Catalog c = Catalog.parse(bytes, "v");
            assertThat(Catalog.parse(c.format(), "v")).isEqualTo(c);
        } catch (CorruptArchiveException e) {
            assertThat(e.getMessage()).startsWith("v: catalog FLAR/CATALOG.TXT: ").doesNotContain("\n");
        }
    }

    @Property(tries = 300)
    void sizesAndVolumesRoundTrip(@ForAll("sizes") List<Long> sizes) throws Exception {
        List<Piece> pieces = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < sizes.size(); i++) {
            pieces.add(new Piece(1 + i / 3, Piece.fileName(1 + i % 3), sizes.get(i), "0".repeat(64)));
            total += sizes.get(i);
        }
        Catalog c = new Catalog(CatalogTest.SET, "n", 1, 1 + (sizes.size() - 1) / 3, total, "f".repeat(64),
                Map.of("content_name", "x y=z"), pieces);
        assertThat(Catalog.parse(c.format(), "v")).isEqualTo(c);
    }

    @Provide
    Arbitrary<List<Long>> sizes() {
        return Arbitraries.longs().between(1, 1L << 40).list().ofMinSize(1).ofMaxSize(20);
    }

    /** A valid catalog with some bytes changed, cut or inserted, checksum recomputed half the time. */
    @Provide
    Arbitrary<byte[]> damaged() {
        String valid = new String(CatalogTest.first().format(), UTF_8);
        return Arbitraries.integers().between(0, valid.length() - 1).flatMap(at ->
                Arbitraries.strings().ofMaxLength(6).withChars("=\n 0aZ/-9\u00e9").flatMap(insert ->
                        Arbitraries.integers().between(0, 3).flatMap(cut -> Arbitraries.of(true, false).map(resum -> {
                            String t = valid.substring(0, at) + insert + valid.substring(Math.min(valid.length(), at + cut));
                            if (resum && t.contains("catalog_sha256=")) {
                                return CatalogTest.resum(t);
                            }
                            return t.getBytes(UTF_8);
                        }))));
    }
}
