package org.flar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flar.testing.Cli;
import org.flar.testing.IndependentComparison;
import org.flar.testing.PlantedTree;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * flar split / combine as Solaris had them: one file per section, byte for byte both ways; an
 * edited section is caught; and the split payload is an ordinary pax archive that GNU tar and
 * bsdtar extract with everything (xattrs, ACLs, capabilities) intact.
 */
class SplitCombineTest {
    @TempDir
    Path dir;
    Path root;
    Path archive;
    Path parts;

    @BeforeEach
    void archiveWithAUserSection() throws IOException {
        root = Files.createDirectories(dir.resolve("root/etc"));
        Files.writeString(root.resolve("hostname"), "web01\n");
        Files.writeString(root.resolve("motd"), "welcome\n");
        Path notes = Files.writeString(dir.resolve("Xnotes"), "first line\nsecond line\n");
        archive = dir.resolve("web01.flar");
        Cli.ok("create", "-q", "-n", "web01", "-u", notes.toString(), "-R", dir.resolve("root").toString(),
                archive.toString());
        parts = dir.resolve("parts");
        Cli.ok("split", "-d", parts.toString(), archive.toString());
    }

    @Test
    void splitWritesOneFilePerSection() throws IOException {
        try (Stream<Path> files = Files.list(parts)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("cookie", "identification", "manifest", "Xnotes", "archive");
        }
        assertThat(Files.readString(parts.resolve("cookie"))).isEqualTo("FlAsH-aRcHiVe-2.0\n");
        String identification = Files.readString(parts.resolve("identification"));
        assertThat(identification).startsWith("archive_id=").contains("\ncontent_name=web01\n")
                .containsPattern("\nidentification_sha256=[0-9a-f]{64}\n$");
        assertThat(Files.readString(parts.resolve("Xnotes"))).isEqualTo("first line\nsecond line\n");
        List<String> manifest = Files.readAllLines(parts.resolve("manifest"));
        assertThat(manifest).hasSize(4);
        assertThat(manifest.get(2)).startsWith("etc/hostname type=file mode=0644 ");

        // The file 'archive' is exactly the stored payload: archive_id is its sha256sum, and zstd reads it.
        String sha = Tools.run(List.of("sha256sum", "archive"), parts).split(" ")[0];
        assertThat(identification).contains("archive_id=" + sha + "\n")
                .contains("files_archived_size=" + Files.size(parts.resolve("archive")) + "\n");
        Tools.requireTool("zstd");
        Tools.requireTool("tar");
        String names = Tools.run(List.of("bash", "-c", "set -o pipefail; zstd -dc archive | tar -tf -"), parts);
        assertThat(names.lines()).containsExactly("./", "etc/", "etc/hostname", "etc/motd");
        // The reassembled bytes, section by section, are the archive itself.
        assertThat(Files.readAllBytes(archive)).startsWith(("FlAsH-aRcHiVe-2.0\nsection_begin=identification\n"
                + identification + "section_end=identification\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void combiningAnUnmodifiedSplitGivesTheIdenticalArchive() throws IOException {
        Path again = dir.resolve("again.flar");
        Cli.ok("combine", "-d", parts.toString(), again.toString());
        assertThat(Files.mismatch(archive, again)).as("first differing byte").isEqualTo(-1);
        assertThat(Cli.run("verify", "-q", again.toString()).code()).isZero();
    }

    @Test
    void userSectionsKeepTheirOrderThroughSplitAndCombine() throws IOException {
        Path zeta = Files.writeString(dir.resolve("Xzeta"), "z\n");
        Path alpha = Files.writeString(dir.resolve("Xalpha"), "a\n");
        Path two = dir.resolve("two.flar");
        Cli.ok("create", "-q", "-n", "two", "-u", zeta.toString(), "-u", alpha.toString(), "-R",
                dir.resolve("root").toString(), two.toString());
        Path twoParts = dir.resolve("two-parts");
        Cli.ok("split", "-d", twoParts.toString(), two.toString());
        Path again = dir.resolve("two-again.flar");
        Cli.ok("combine", "-d", twoParts.toString(), again.toString());
        assertThat(Files.mismatch(two, again)).as("first differing byte").isEqualTo(-1);
    }

    @Test
    void anEditedIdentificationFailsVerify() throws IOException {
        Path id = parts.resolve("identification");
        Files.writeString(id, Files.readString(id).replace("content_name=web01\n", "content_name=web02\n"));
        Path edited = dir.resolve("edited.flar");
        Cli.ok("combine", "-d", parts.toString(), edited.toString());

        Cli verify = Cli.run("verify", "-q", edited.toString());
        assertThat(verify.code()).as(verify.describe()).isEqualTo(4);
        assertThat(verify.errLines()).hasSize(1);
        assertThat(verify.errLines().getFirst()).startsWith("flar: " + edited).contains("identification");
        Cli deploy = Cli.run("deploy", "-q", "-R", dir.resolve("t").toString(), edited.toString());
        assertThat(deploy.code()).as(deploy.describe()).isEqualTo(4);
        assertThat(dir.resolve("t/etc")).doesNotExist();
    }

    @Test
    void anEditedManifestOrUserSectionFailsVerify() throws IOException {
        Path manifest = parts.resolve("manifest");
        String original = Files.readString(manifest);
        Files.writeString(manifest, original.replace("etc/motd type=file mode=0644", "etc/motd type=file mode=0600"));
        Path edited = dir.resolve("manifest-edited.flar");
        Cli.ok("combine", "-d", parts.toString(), edited.toString());
        Cli verify = Cli.run("verify", "-q", edited.toString());
        assertThat(verify.code()).as(verify.describe()).isEqualTo(4);
        assertThat(verify.err()).contains("manifest");

        Files.writeString(manifest, original);
        Files.writeString(parts.resolve("Xnotes"), "first line\nsecond line, edited\n");
        Path notes = dir.resolve("notes-edited.flar");
        Cli.ok("combine", "-d", parts.toString(), notes.toString());
        Cli verifyNotes = Cli.run("verify", "-q", notes.toString());
        assertThat(verifyNotes.code()).as(verifyNotes.describe()).isEqualTo(4);
        assertThat(verifyNotes.err()).contains("Xnotes");
    }

    @Test
    void splitDoesNotOverwriteWithoutForce() throws IOException {
        Cli again = Cli.run("split", "-d", parts.toString(), archive.toString());
        assertThat(again.code()).as(again.describe()).isEqualTo(1);
        assertThat(again.errLines()).hasSize(1);
        assertThat(again.errLines().getFirst()).contains("cookie").contains("exists");
        Files.writeString(parts.resolve("manifest"), "overwritten\n");
        Cli.ok("split", "-f", "-d", parts.toString(), archive.toString());
        assertThat(Files.readString(parts.resolve("manifest"))).startsWith(". type=dir");
    }

    // ---- interop: the split payload of a capture of every kind of entry ---------------------

    private static Path scratch;
    private static Path source;
    private static Path plantedParts;

    /** PlantedTree captured once for both extractors. */
    private static synchronized void capturePlantedTree() throws IOException {
        Tools.requireRoot();
        for (String tool : List.of("zstd", "getfattr", "getfacl", "getcap", "mtree")) {
            Tools.requireTool(tool);
        }
        if (plantedParts != null) {
            return;
        }
        scratch = Tools.scratchDir("split-interop-");
        source = Files.createDirectory(scratch.resolve("source"));
        PlantedTree.plant(source);
        Path flar = scratch.resolve("planted.flar");
        Cli.ok("create", "-q", "-n", "planted", "-R", source.toString(), flar.toString());
        Path p = scratch.resolve("parts");
        Cli.ok("split", "-d", p.toString(), flar.toString());
        Files.delete(flar);
        plantedParts = p;
    }

    @AfterAll
    static void removeScratch() {
        Tools.deleteTree(scratch);
    }

    @Test
    void gnuTarExtractsTheSplitPayloadWithEverything() throws IOException {
        capturePlantedTree();
        Tools.requireTool("tar");
        Path out = extract("gnu-tar", "tar --xattrs --xattrs-include='*' --acls --numeric-owner -xpf -");
        assertSameAsSource(out, List.of());
    }

    @Test
    void bsdtarExtractsTheSplitPayloadWithEverything() throws IOException {
        capturePlantedTree();
        Tools.requireTool("bsdtar");
        Path out = extract("bsdtar", "bsdtar --xattrs --acls --numeric-owner -xpf -");
        assertSameAsSource(out, BSDTAR_PRE_1970);
    }

    /**
     * libarchive (3.6, Debian 12) reads the pax time "-14182939.750000000" (1969-07-20
     * 20:17:40.25) with the sign applied to the seconds only and restores 20:17:41.75. GNU tar,
     * which wrote this form itself, reads it exactly. The only difference bsdtar may make.
     */
    private static final List<String> BSDTAR_PRE_1970 = List.of("mtree: times/pre-1970: modification time",
            "find: times/pre-1970: mtime");

    private static Path extract(String name, String extractor) throws IOException {
        Path out = Files.createDirectory(scratch.resolve(name));
        Tools.run(List.of("bash", "-c", "set -o pipefail; zstd -dc '" + plantedParts.resolve("archive") + "' | "
                + extractor), out);
        return out;
    }

    /**
     * Compared below the root: the extractors may give the extraction directory itself (the
     * archive's "./") its own time. Everything under planted/ must be identical to the source.
     */
    private static void assertSameAsSource(Path out, List<String> knownToDiffer) {
        String caps = Tools.run(List.of("getcap", out.resolve(PlantedTree.CAPS).toString()), null);
        assertThat(caps).contains("cap_net_admin,cap_net_raw=ep");
        String xattrs = Tools.run(List.of("getfattr", "-d", "-m", "-", "-e", "hex",
                out.resolve(PlantedTree.XATTR_FILE).toString()), null);
        assertThat(xattrs).contains("user.binary=" + PlantedTree.USER_BINARY_HEX).contains("trusted.binary=0xdeadbeef00010203");
        String acl = Tools.run(List.of("getfacl", "-n", "-c", out.resolve(PlantedTree.ACL_FILE).toString()), null);
        assertThat(acl).contains("user:12345:rw-").contains("group:54321:r--").contains("mask::rw-");
        List<String> differences = IndependentComparison.differences(source.resolve(PlantedTree.DIR),
                out.resolve(PlantedTree.DIR));
        assertThat(differences).allMatch(d -> knownToDiffer.stream().anyMatch(d::startsWith),
                "differs only where documented: " + knownToDiffer);
    }
}
