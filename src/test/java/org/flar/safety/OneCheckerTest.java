package org.flar.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.flar.format.FlashArchive;
import org.flar.format.Identification;
import org.flar.testing.Cli;
import org.flar.testing.Reseal;
import org.flar.testing.TreeSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Archives made by flar, then resealed with one section or keyword made hostile and every
 * checksum recomputed: {@code verify} and {@code deploy} give the same verdict (one code path
 * checks both), and deploy refuses before its first write, so the target is as it was.
 */
class OneCheckerTest {
    @TempDir
    static Path work;
    static Path full;
    static Path differential;
    static Path otherFull;

    @BeforeAll
    static void archives() throws Exception {
        Path master = OsTree.make(work.resolve("master"), "m0");
        full = work.resolve("full.flar");
        assertThat(Cli.run("create", "-q", "-n", "m0", "-R", master.toString(), full.toString()).code()).isZero();
        Files.delete(master.resolve("etc/keep"));
        Files.writeString(master.resolve("etc/app/conf"), "v2\n");
        Files.setPosixFilePermissions(master.resolve("var/old/data"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        differential = work.resolve("d.flar");
        assertThat(Cli.run("create", "-q", "-n", "m0-u1", "-A", full.toString(), "-R", master.toString(),
                differential.toString()).code()).isZero();
        Path other = OsTree.make(work.resolve("other"), "m1");
        otherFull = work.resolve("other.flar");
        assertThat(Cli.run("create", "-q", "-n", "m1", "-R", other.toString(), otherFull.toString()).code()).isZero();
    }

    /** name, archive to start from, what to change, expected exit code. */
    static Stream<Arguments> cases() {
        Map<String, Object[]> c = new LinkedHashMap<>();
        c.put("deletion of the root", diff(r -> r.section(FlashArchive.DELETIONS, ".\n"), 4));
        c.put("deletion leaving the root", diff(r -> r.section(FlashArchive.DELETIONS, "../outside\n"), 4));
        c.put("deletions out of order", diff(r -> r.section(FlashArchive.DELETIONS, "var/old/data\netc/keep\n"), 4));
        c.put("deletion without a base line", diff(r -> r.section(FlashArchive.DELETIONS, "etc/app\n"), 4));
        c.put("a metadata-only file deleted too", diff(r -> r.section(FlashArchive.DELETIONS, "etc/keep\nvar/old/data\n"), 4));
        c.put("no base section", diff(r -> r.without(FlashArchive.BASE), 4));
        c.put("no state section", diff(r -> r.without(FlashArchive.STATE), 4));
        c.put("no deletions section", diff(r -> r.without(FlashArchive.DELETIONS), 4));
        c.put("state_sha256 not the state's", diff(r -> r.keyword(Identification.STATE_SHA256, "0".repeat(64)), 4));
        c.put("a base line that does not parse", diff(r -> r.section(FlashArchive.BASE, r.section(FlashArchive.BASE) + "zzz nonsense\n"), 4));
        c.put("type in lower case", diff(r -> r.keyword(Identification.TYPE, "differential"), 4));
        c.put("a full archive relabelled differential", new Object[] {"full", (UnaryOperator<Reseal>) r -> r.keyword(Identification.TYPE, "DIFFERENTIAL"), 4});
        c.put("identity section of another archive", new Object[] {"full", (UnaryOperator<Reseal>) r -> r.section(FlashArchive.IDENTITY,
                sectionOf(otherFull)), 6});
        c.put("identity section not base64", new Object[] {"full", (UnaryOperator<Reseal>) r -> r.section(FlashArchive.IDENTITY, "*not base64*\n"), 4});
        return c.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]));
    }

    private static Object[] diff(UnaryOperator<Reseal> change, int code) {
        return new Object[] {"differential", change, code};
    }

    private static String sectionOf(Path archive) {
        try {
            return Reseal.of(archive).section(FlashArchive.IDENTITY);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verifyAndDeployAgreeAndNothingIsWritten(String name, String from, UnaryOperator<Reseal> change, int code)
            throws Exception {
        Path start = from.equals("full") ? full : differential;
        Path hostile = change.apply(Reseal.of(start)).write(Files.createTempFile(work, "hostile", ".flar"));
        Path target = Files.createTempDirectory(work, "target");
        assertThat(Cli.run("deploy", "-q", "--keep-identity", "-R", target.toString(), full.toString()).code()).isZero();
        Map<String, String> before = TreeSnapshot.of(target);

        Cli verify = Cli.run("verify", "-q", hostile.toString());
        Cli deploy = Cli.run("deploy", "-q", "--keep-identity", "-R", target.toString(), hostile.toString());
        Cli clone = Cli.run("deploy", "-q", "-R", target.toString(), hostile.toString());

        assertThat(verify.code()).as(verify.err()).isEqualTo(code);
        assertThat(deploy.code()).as(deploy.err()).isEqualTo(code);
        assertThat(clone.code()).as(clone.err()).isEqualTo(code);
        assertThat(deploy.err().strip().lines()).as("one line naming the archive").singleElement()
                .asString().contains(hostile.toString());
        assertThat(TreeSnapshot.of(target)).as("refused before the first write").isEqualTo(before);
    }
}
