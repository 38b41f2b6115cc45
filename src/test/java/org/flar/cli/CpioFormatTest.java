package org.flar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flar.testing.Cli;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code flar create -L cpio}: says what the format loses, with counts; GNU cpio extracts the
 * split payload; {@code flar deploy} restores what cpio carries, mtimes to the second.
 */
class CpioFormatTest {
    private static final List<String> FILES = List.of("d/plain", "d/xattr", "d/acl", "d/ns", "d/sparse", "d/exec", "d/hard");
    private static final long SPARSE_SIZE = 1 << 20;

    Path work;
    Path root;
    Path archive;

    @BeforeEach
    void treeWithWhatCpioCannotCarry() throws IOException {
        for (String tool : List.of("setfattr", "setfacl", "getfattr", "getfacl", "truncate", "touch", "zstd")) {
            Tools.requireTool(tool);
        }
        // Not @TempDir: user xattrs and ACLs need a real file system (scratch is under target/).
        work = Tools.scratchDir("cpio-");
        root = Files.createDirectories(work.resolve("root/d"));
        root = work.resolve("root");
        Files.writeString(root.resolve("d/plain"), "plain\n");
        Files.writeString(root.resolve("d/xattr"), "with a user xattr\n");
        sh("setfattr", "-n", "user.kept", "-v", "not-by-cpio", p("d/xattr"));
        Files.writeString(root.resolve("d/acl"), "with an ACL\n");
        sh("setfacl", "-m", "u:12345:r--", p("d/acl"));
        Files.writeString(root.resolve("d/ns"), "nanoseconds\n");
        Files.writeString(root.resolve("d/sparse"), "data at the start, then a hole\n");
        sh("truncate", "-s", Long.toString(SPARSE_SIZE), p("d/sparse"));
        Files.writeString(root.resolve("d/exec"), "#!/bin/sh\n");
        sh("chmod", "0750", p("d/exec"));
        sh("setfattr", "-n", "user.also", "-v", "lost", p("d/exec"));
        sh("ln", p("d/plain"), p("d/hard"));
        sh("ln", "-s", "plain", p("d/sym"));
        // Whole seconds everywhere but d/ns, so the counts below are exact; directories last.
        for (String rel : List.of("d/plain", "d/xattr", "d/acl", "d/sparse", "d/exec", "d/sym", "d", ".")) {
            touch(rel, "2020-01-01 00:00:00");
        }
        touch("d/ns", "2021-06-07 08:09:10.123456789");
        touch("d", "2020-01-01 00:00:00");
        touch(".", "2019-12-31 23:59:59");
        assertThat(Long.parseLong(stat("d/sparse", "%b")) * 512).as("d/sparse is sparse").isLessThan(SPARSE_SIZE);
        archive = work.resolve("cpio.flar");
    }

    @AfterEach
    void removeScratch() {
        Tools.deleteTree(work);
    }

    @Test
    void warnsWhatIsLostWithCounts() {
        Cli r = Cli.ok("create", "-L", "cpio", "-n", "cpio", "-R", root.toString(), archive.toString());

        // One warning per kind of loss, counted: d/xattr and d/exec, d/acl, d/ns, d/sparse (d/hard loses nothing).
        assertThat(r.errLines()).filteredOn(l -> l.startsWith("flar: warning: ")).containsExactlyInAnyOrder(
                "flar: warning: cpio: 2 entries: extended attributes not stored (use --format pax to keep it)",
                "flar: warning: cpio: 1 entries: POSIX ACLs not stored (use --format pax to keep it)",
                "flar: warning: cpio: 1 entries: mtime nanoseconds dropped (use --format pax to keep it)",
                "flar: warning: cpio: 1 entries: holes stored as zeros (sparse file stored whole) (use --format pax to keep it)");
        assertThat(Cli.ok("info", "-k", "files_archived_method", archive.toString()).out()).isEqualTo("cpio\n");

        Cli pax = Cli.ok("create", "-n", "pax", "-R", root.toString(), work.resolve("pax.flar").toString());
        assertThat(pax.err()).as("pax loses nothing, so says nothing").doesNotContain("warning");
    }

    @Test
    void gnuCpioExtractsTheSplitPayload() throws IOException {
        Tools.requireTool("cpio");
        Cli.ok("create", "-q", "-L", "cpio", "-n", "cpio", "-R", root.toString(), archive.toString());
        Path parts = work.resolve("parts");
        Cli.ok("split", "-d", parts.toString(), archive.toString());
        Path out = Files.createDirectory(work.resolve("gnu-cpio"));
        Tools.run(List.of("bash", "-c", "set -o pipefail; zstd -dc '" + parts.resolve("archive")
                + "' | cpio -idmu --no-absolute-filenames --quiet"), out);

        for (String f : FILES) {
            assertThat(Files.readAllBytes(out.resolve(f))).as(f).isEqualTo(Files.readAllBytes(root.resolve(f)));
            assertThat(stat(out, f, "%F %a")).as(f).isEqualTo(stat(f, "%F %a"));
            assertThat(stat(out, f, "%Y")).as(f + " mtime, seconds").isEqualTo(stat(f, "%Y"));
        }
        assertThat(stat(out, "d", "%a")).isEqualTo(stat("d", "%a"));
        assertThat(stat(out, "d/hard", "%i")).as("hardlink").isEqualTo(stat(out, "d/plain", "%i"));
        assertThat(Files.readSymbolicLink(out.resolve("d/sym")).toString()).isEqualTo("plain");
        // Not compared: directory mtimes (GNU cpio 2.13 -m leaves them at extraction time) and
        // the symlink's own mtime (GNU cpio does not set it).
    }

    @Test
    void deployRestoresWhatCpioCarriesWithSecondMtimes() throws IOException {
        Cli.ok("create", "-q", "-L", "cpio", "-n", "cpio", "-R", root.toString(), archive.toString());
        assertThat(Cli.run("verify", "-q", archive.toString()).code()).isZero();
        Path target = work.resolve("target");
        Cli.ok("deploy", "-q", "-R", target.toString(), archive.toString());

        for (String f : FILES) {
            assertThat(Files.readAllBytes(target.resolve(f))).as(f).isEqualTo(Files.readAllBytes(root.resolve(f)));
        }
        for (String e : List.of(".", "d", "d/plain", "d/xattr", "d/acl", "d/ns", "d/sparse", "d/exec", "d/hard", "d/sym")) {
            assertThat(stat(target, e, "%F %a %u %g")).as(e).isEqualTo(stat(e, "%F %a %u %g"));
            assertThat(stat(target, e, "%.9Y")).as(e + " mtime: the source's, whole seconds")
                    .isEqualTo(stat(e, "%Y") + ".000000000");
        }
        assertThat(stat(target, "d/ns", "%.9Y")).isEqualTo("1623053350.000000000");
        assertThat(stat(target, "d/hard", "%i")).as("hardlink").isEqualTo(stat(target, "d/plain", "%i"));
        assertThat(Files.readSymbolicLink(target.resolve("d/sym")).toString()).isEqualTo("plain");

        // What cpio cannot carry is not there, as the warnings said.
        assertThat(Tools.run(List.of("getfattr", "-d", "-m", "-", target.resolve("d/xattr").toString()), null)).isEmpty();
        assertThat(Tools.run(List.of("getfattr", "-d", "-m", "-", target.resolve("d/exec").toString()), null)).isEmpty();
        assertThat(Tools.run(List.of("getfacl", "-n", "-c", target.resolve("d/acl").toString()), null))
                .doesNotContain("12345");
        assertThat(Long.parseLong(stat(target, "d/sparse", "%b")) * 512).as("restored dense")
                .isGreaterThanOrEqualTo(SPARSE_SIZE);
        assertThat(Files.size(target.resolve("d/sparse"))).isEqualTo(SPARSE_SIZE);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private String p(String rel) {
        return root.resolve(rel).toString();
    }

    private String stat(String rel, String format) {
        return stat(root, rel, format);
    }

    private static String stat(Path base, String rel, String format) {
        Path p = base.resolve(rel);
        assertThat(Files.exists(p, LinkOption.NOFOLLOW_LINKS)).as(p + " exists").isTrue();
        return Tools.run(List.of("stat", "-c", format, "--", p.toString()), null).strip();
    }

    private void touch(String rel, String utc) {
        Tools.exec(List.of("touch", "-h", "-d", utc, "--", p(rel)), null, Map.of("TZ", "UTC"), Tools.DEFAULT_TIMEOUT)
                .check();
    }

    private static void sh(String... cmd) {
        Tools.run(List.of(cmd), null);
    }
}
