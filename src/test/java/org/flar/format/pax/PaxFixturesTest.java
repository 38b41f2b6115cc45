package org.flar.format.pax;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Archives made once by GNU tar 1.34 and bsdtar 3.6.2 (see src/test/resources/pax/README.txt). */
class PaxFixturesTest {

    @Test
    void gnuTarPosixArchive() throws IOException {
        ReferenceTree.checkPax(ReferenceTree.read(fixture("gnu-posix.tar")), false);
    }

    @Test
    void bsdtarPaxArchive() throws IOException {
        ReferenceTree.checkPax(ReferenceTree.read(fixture("bsdtar-pax.tar")), true);
    }

    @Test
    void gnuFormatArchiveWithLongNamesAndBase256() throws IOException {
        ReferenceTree.checkGnuFormat(ReferenceTree.read(fixture("gnu-format.tar")));
    }

    @Test
    void gnuSparse01() throws IOException {
        ReferenceTree.checkSparse01(ReferenceTree.read(fixture("gnu-sparse-0.1.tar")));
    }

    @Test
    void gnuSparse00IsRefusedClearly() throws URISyntaxException {
        ReferenceTree.checkSparse00(Path.of(PaxFixturesTest.class.getResource("/pax/gnu-sparse-0.0.tar").toURI()));
    }

    private static InputStream fixture(String name) {
        return PaxFixturesTest.class.getResourceAsStream("/pax/" + name);
    }
}
