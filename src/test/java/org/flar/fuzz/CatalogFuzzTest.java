package org.flar.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import org.flar.format.CorruptArchiveException;
import org.flar.media.Catalog;

/** The volume catalog comes from a disc: a catalog or a CorruptArchiveException, and a catalog reads back equal. */
class CatalogFuzzTest {

    /**
     * The input is the catalog without its last line; the harness appends a correct
     * {@code catalog_sha256}, or random mutations would never get past the checksum.
     */
    @FuzzTest
    void parse(byte[] body) throws Exception {
        if (FuzzInput.tooLarge(body)) {
            return;
        }
        parseOrRefuse(body);
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.write(body);
        signed.write(("catalog_sha256=" + FuzzInput.sha256(body) + "\n").getBytes(UTF_8));
        Catalog c = parseOrRefuse(signed.toByteArray());
        if (c != null) {
            assertThat(Catalog.parse(c.format(), "v")).isEqualTo(c);
        }
    }

    private static Catalog parseOrRefuse(byte[] bytes) {
        try {
            return Catalog.parse(bytes, "v");
        } catch (CorruptArchiveException expected) {
            return null;
        }
    }
}
