package org.flar.format.pax;


import org.flar.testing.Tools;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds the reference tree with setfattr, setfacl, setcap, mknod...; archives it with GNU tar and bsdtar. */
class PaxReadInteropTest {
    @TempDir
    static Path out;

    @BeforeAll
    static void makeArchives() throws IOException, URISyntaxException {
        Tools.requireRoot();
        for (String tool : new String[] {"tar", "bsdtar", "setfattr", "setfacl", "setcap", "truncate", "mknod"}) {
            Tools.requireTool(tool);
        }
        Path script = Path.of(PaxReadInteropTest.class.getResource("/pax/make-fixtures.sh").toURI());
        Tools.run(out, "sh", script.toString(), out.toString());
    }

    @Test
    void gnuTarPosix() throws IOException {
        ReferenceTree.checkPax(ReferenceTree.read(out.resolve("gnu-posix.tar")), false);
    }

    @Test
    void bsdtarPax() throws IOException {
        ReferenceTree.checkPax(ReferenceTree.read(out.resolve("bsdtar-pax.tar")), true);
    }

    @Test
    void gnuFormat() throws IOException {
        ReferenceTree.checkGnuFormat(ReferenceTree.read(out.resolve("gnu-format.tar")));
    }

    @Test
    void gnuSparse01() throws IOException {
        ReferenceTree.checkSparse01(ReferenceTree.read(out.resolve("gnu-sparse-0.1.tar")));
    }

    @Test
    void gnuSparse00() {
        ReferenceTree.checkSparse00(out.resolve("gnu-sparse-0.0.tar"));
    }
}
