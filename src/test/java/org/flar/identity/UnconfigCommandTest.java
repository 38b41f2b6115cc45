package org.flar.identity;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.flar.entry.ContentDigest;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.format.ManifestLine;
import org.flar.format.compress.Compression;
import org.flar.format.pax.PaxWriter;
import org.flar.testing.Cli;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** flar unconfig and reconfig on bad input: each refused with one line naming the problem, nothing changed. */
class UnconfigCommandTest {
    private Path dir;

    @BeforeEach
    void scratch() {
        dir = Tools.scratchDir("unconfig");
    }

    @AfterEach
    void cleanUp() {
        Tools.deleteTree(dir);
    }

    /** A small Linux root: os-release, host name, machine-id, a history. */
    private Path linuxRoot(String name) throws Exception {
        Path root = dir.resolve(name);
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("root"));
        Files.writeString(root.resolve("etc/os-release"), "ID=debian\n");
        Files.writeString(root.resolve("etc/hostname"), name + "\n");
        Files.writeString(root.resolve("etc/machine-id"), "0123456789abcdef0123456789abcdef\n");
        Files.writeString(root.resolve("root/.bash_history"), "ls\n");
        return root;
    }

    private static String listing(Path root) {
        return Tools.run(List.of("bash", "-c", "cd \"$1\" && find . -printf '%p %T+ %m %s\\n' | sort && cat etc/* 2>/dev/null",
                "l", root.toString()), null);
    }

    @Test
    void aTreeThatIsNotAnOsRootIsRefusedUnlessAProfileIsGiven() throws Exception {
        Path tree = dir.resolve("data");
        Files.createDirectories(tree.resolve("etc"));
        Files.writeString(tree.resolve("etc/hostname"), "data\n");
        Cli r = Cli.run("unconfig", "-R", tree.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines().getFirst()).contains(tree.toString()).contains("not an OS root").contains("--profile");
        assertThat(Files.readString(tree.resolve("etc/hostname"))).isEqualTo("data\n");

        Cli.ok("unconfig", "-q", "--profile", "linux", "-R", tree.toString());
        assertThat(Files.readString(tree.resolve("etc/hostname"))).isEqualTo("localhost\n");
    }

    @Test
    void anArchiveOfATreeThatIsNotAnOsRootDeploysAsIsWithANote() throws Exception {
        Path tree = dir.resolve("data");
        Files.createDirectories(tree.resolve("etc"));
        Files.writeString(tree.resolve("etc/hostname"), "data\n");
        Path archive = dir.resolve("data.flar");
        Cli.ok("create", "-q", "-n", "data", "-R", tree.toString(), archive.toString());
        Path target = dir.resolve("target");
        Cli r = Cli.ok("deploy", "-R", target.toString(), archive.toString());
        assertThat(r.errLines()).contains("flar: note: not an OS root (no os-release): deployed as-is");
        assertThat(Files.readString(target.resolve("etc/hostname"))).isEqualTo("data\n");
    }

    @Test
    void aBadProfileSaysFileLineAndColumnAndChangesNothing() throws Exception {
        Path root = linuxRoot("m1");
        String before = listing(root);
        Path profile = dir.resolve("site.profile");
        Files.writeString(profile, "extends = linux\n[motd]\npath = etc/motd\naction = shred\n");
        Cli r = Cli.run("unconfig", "--profile", profile.toString(), "-R", root.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines().getFirst()).isEqualTo("flar: " + profile + ":4:10: unknown action 'shred' "
                + "(remove, truncate, replace, edit-lines, regenerate, keep)");
        assertThat(listing(root)).isEqualTo(before);
    }

    @Test
    void theRunningSystemIsOnlyUnconfiguredWhenAskedFor() throws Exception {
        Cli r = Cli.run("unconfig");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines().getFirst()).contains("running system").contains("--yes");
        if (Tools.isRoot()) {
            // Reading /etc/shadow needs root.
            Cli dry = Cli.ok("unconfig", "--dry-run", "--json");
            assertThat(dry.out()).contains("\"dryRun\" : true");
        }
    }

    @Test
    void dryRunListsAndChangesNothing() throws Exception {
        Path root = linuxRoot("m1");
        String before = listing(root);
        Cli r = Cli.ok("unconfig", "--dry-run", "--json", "-R", root.toString());
        assertThat(r.out()).contains("\"path\" : \"etc/hostname\"").contains("\"action\" : \"replace\"")
                .contains("\"path\" : \"root/.bash_history\"").contains("\"dryRun\" : true");
        assertThat(listing(root)).isEqualTo(before);
    }

    @Test
    void aTamperedBundleIsRefusedAndChangesNothing() throws Exception {
        Path root = linuxRoot("m1");
        Path bundle = dir.resolve("m1.identity");
        Cli.ok("unconfig", "-q", "-R", root.toString(), "--save", bundle.toString());
        String unconfigured = listing(root);
        byte[] bytes = Files.readAllBytes(bundle);
        try (RandomAccessFile f = new RandomAccessFile(bundle.toFile(), "rw")) {
            f.seek(bytes.length / 2);
            f.write(bytes[bytes.length / 2] ^ 0x20);
        }
        Cli r = Cli.run("reconfig", "-R", root.toString(), bundle.toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(4);
        assertThat(r.errLines().getFirst()).startsWith("flar: " + bundle);
        assertThat(listing(root)).isEqualTo(unconfigured);
    }

    /** A bundle is untrusted: one naming a path outside the root is refused before anything is written. */
    @Test
    void aBundleWithAnEscapingPathIsRefused() throws Exception {
        Path root = linuxRoot("m1");
        Path bundle = dir.resolve("evil.identity");
        byte[] evil = "pwned\n".getBytes(UTF_8);
        // The manifest syntax cannot even say such a name: the index names a harmless one.
        forgedBundle(bundle, Entry.builder("etc/../../escaped", EntryType.FILE).mode(0644).size(evil.length).build(), evil,
                ManifestLine.format(Entry.builder("etc/escaped", EntryType.FILE).mode(0644).size(evil.length)
                        .sha256(ContentDigest.of(evil)).build()));
        String before = listing(root);
        Cli r = Cli.run("reconfig", "--force", "-R", root.toString(), bundle.toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(4);
        assertThat(r.errLines().getFirst()).contains("unsafe entry").contains("'..'");
        assertThat(listing(root)).isEqualTo(before);
        assertThat(dir.resolve("escaped")).doesNotExist();
    }

    /** A hardlink in a bundle (unconfig never saves one) is damage, not a usage error: exit 4, nothing written. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"etc/hostname", "etc/zzz-after-it"})
    void aBundleWithAHardlinkIsRefused(String target) throws Exception {
        Path root = linuxRoot("m1");
        Path bundle = dir.resolve("hardlink.identity");
        // The index line by hand: ManifestLine.format refuses a link to a name after its own.
        forgedBundle(bundle, Entry.builder("etc/shadow", EntryType.HARDLINK).mode(0644).linkTarget(target).build(), null,
                "etc/shadow type=hardlink mode=0644 uid=0 gid=0 mtime=0.000000000 link=" + target);
        String before = listing(root);
        Cli r = Cli.run("reconfig", "--force", "-R", root.toString(), bundle.toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(4);
        assertThat(r.errLines()).singleElement().asString().startsWith("flar: " + bundle).contains("hardlink");
        assertThat(listing(root)).isEqualTo(before);
    }

    /** A bundle holding {@code entry} whose index, with its checksum right, says {@code indexLine} of it. */
    private static void forgedBundle(Path bundle, Entry entry, byte[] content, String indexLine) throws Exception {
        try (var file = Files.newOutputStream(bundle);
             var out = Compression.ZSTD.compress(file, -1, 1);
             var pax = new PaxWriter(out)) {
            pax.write(entry, content == null ? null : new ByteArrayInputStream(content));
            String text = "flar_identity=1\nbundle_id=x\narchive_id=\nprofile=linux\nos=linux\nentry=" + indexLine + "\n";
            String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
            byte[] index = (text + "bundle_sha256=" + sum + "\n").getBytes(UTF_8);
            pax.write(Entry.builder(".flar-identity", EntryType.FILE).mode(0600).size(index.length).build(),
                    new ByteArrayInputStream(index));
        }
    }

    @Test
    void aBundleOfAnotherRootIsRefusedAndOfItsOwnPutBack() throws Exception {
        Path m1 = linuxRoot("m1");
        Path m2 = linuxRoot("m2");
        Files.writeString(m2.resolve("etc/fstab"), "srv:/x /x nfs rw 0 0\n/dev/sda1 / ext4 rw 0 1\n");
        Path b1 = dir.resolve("m1.identity");
        Path b2 = dir.resolve("m2.identity");
        String original = listing(m1);
        Cli.ok("unconfig", "-q", "-R", m1.toString(), "--save", b1.toString());
        Cli.ok("unconfig", "-q", "-R", m2.toString(), "--save", b2.toString());
        String m1Unconfigured = listing(m1);

        Cli r = Cli.run("reconfig", "-R", m1.toString(), b2.toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(6);
        assertThat(r.errLines().getFirst()).contains("not in the state this bundle's unconfig left").contains("etc/fstab");
        assertThat(listing(m1)).isEqualTo(m1Unconfigured);

        Cli.ok("reconfig", "-q", "-R", m1.toString(), b1.toString());
        assertThat(listing(m1)).isEqualTo(original);
        assertThat(Files.readString(m1.resolve("etc/hostname"), UTF_8)).isEqualTo("m1\n");
    }
}
