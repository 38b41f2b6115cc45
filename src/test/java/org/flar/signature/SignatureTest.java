package org.flar.signature;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveReader;
import org.flar.format.SignedCopy;
import org.flar.testing.Cli;
import org.flar.testing.FlarProcess;
import org.flar.testing.Tools;
import org.flar.testing.TreeSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures against Debian's minisign both ways, and every archive a trusting deploy must
 * refuse — unsigned, by another key, a signature spliced from another archive, a truncated one,
 * an unsigned differential after a signed full archive — refused by verify, deploy and a piped
 * deploy with the target untouched.
 */
class SignatureTest {
    @TempDir
    Path work;
    Path root;
    Path archive;
    Path key;
    Path pub;

    @BeforeEach
    void treeArchiveAndKey() throws Exception {
        Tools.requireTool("minisign");
        root = work.resolve("root");
        Files.createDirectories(root.resolve("srv"));
        Files.writeString(root.resolve("srv/data"), "payload\n");
        archive = work.resolve("a.flar");
        Cli.ok("create", "-q", "-n", "signed", "-R", root.toString(), archive.toString());
        key = work.resolve("master.key");
        pub = work.resolve("master.pub");
        Cli.ok("keygen", key.toString());
    }

    private Path target() throws Exception {
        Path t = work.resolve("target");
        Files.createDirectories(t.resolve("srv"));
        Files.writeString(t.resolve("srv/data"), "the old data\n");
        return t;
    }

    private void refused(Path forged, String message) throws Exception {
        Cli v = Cli.run("verify", "--trusted-key", pub.toString(), forged.toString());
        assertThat(v.code()).as(v.describe()).isEqualTo(4);
        assertThat(v.err()).contains(message);
        Path t = target();
        Map<String, String> before = TreeSnapshot.of(t);
        Cli d = Cli.run("deploy", "-R", t.toString(), "--trusted-key", pub.toString(), forged.toString());
        assertThat(d.code()).as(d.describe()).isEqualTo(4);
        assertThat(d.err()).contains(message);
        Tools.Result piped = Tools.exec(List.of("bash", "-c", FlarProcess.shell("deploy", "-R", t.toString(),
                "--trusted-key", pub.toString(), "-") + " < '" + forged + "'"), work);
        assertThat(piped.exitCode()).as(piped.stderr()).isEqualTo(4);
        assertThat(piped.stderr()).contains(message);
        assertThat(TreeSnapshot.of(t)).isEqualTo(before);
    }

    @Test
    void minisignVerifiesFlarsDetachedSignatureAndFlarItsOwnInside() throws Exception {
        Cli.ok("sign", "--key", key.toString(), archive.toString());
        Tools.Result m = Tools.exec(List.of("minisign", "-V", "-p", pub.toString(), "-m", archive.toString()), work);
        assertThat(m.exitCode()).as(m.stderr() + m.stdout()).isZero();
        assertThat(m.stdout()).contains("content_name:signed");
        String id = PublicKeyFile.read(pub).id().toString();
        assertThat(Files.readString(pub)).contains("minisign public key " + id);
        Cli v = Cli.ok("verify", "--trusted-key", pub.toString(), archive.toString());
        assertThat(v.out()).contains("signature by trusted key " + id);
        Path t = work.resolve("clone");
        Tools.exec(List.of("bash", "-c", FlarProcess.shell("deploy", "-q", "-R", t.toString(), "--trusted-key",
                pub.toString(), "-") + " < '" + archive + "'"), work).check();
        assertThat(t.resolve("srv/data")).hasContent("payload");
        // The signature inside is minisign's too: of the identification section, as flar split stores it.
        Path parts = work.resolve("parts");
        Cli.ok("split", "-d", parts.toString(), archive.toString());
        assertThat(Tools.exec(List.of("minisign", "-V", "-p", pub.toString(), "-m", parts.resolve("identification").toString(),
                "-x", parts.resolve("signature").toString()), work).exitCode()).isZero();
    }

    @Test
    void flarSignsWithMinisignsKeyAndChecksMinisignsDetachedSignature() throws Exception {
        Path mkey = work.resolve("m.key");
        Path mpub = work.resolve("m.pub");
        Tools.exec(List.of("minisign", "-G", "-W", "-p", mpub.toString(), "-s", mkey.toString()), work).check();
        Tools.exec(List.of("minisign", "-S", "-s", mkey.toString(), "-m", archive.toString()), work).check();
        Cli v = Cli.ok("verify", "--trusted-key", mpub.toString(), archive.toString());
        assertThat(v.out()).contains("signature by trusted key detached");
        // A detached signature covers every byte: one changed and verify refuses.
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length - 1] ^= 1;
        Files.write(archive, bytes);
        Cli bad = Cli.run("verify", "--trusted-key", mpub.toString(), archive.toString());
        assertThat(bad.code()).isEqualTo(4);
        Cli.ok("create", "-q", "-n", "signed", "-R", root.toString(), "--sign", mkey.toString(), archive.toString());
        assertThat(Cli.ok("verify", "--trusted-key", mpub.toString(), archive.toString()).out())
                .contains("signature by trusted key " + PublicKeyFile.read(mpub).id());
        assertThat(Tools.exec(List.of("minisign", "-V", "-p", mpub.toString(), "-m", archive.toString()), work).exitCode())
                .isZero();
    }

    @Test
    void anUnsignedArchiveIsRefused() throws Exception {
        refused(archive, ": not signed, and a trusted key is required");
    }

    @Test
    void anArchiveSignedByAnotherKeyIsRefusedNamingTheKey() throws Exception {
        Path other = work.resolve("other.key");
        Cli.ok("keygen", other.toString());
        Cli.ok("sign", "--key", other.toString(), archive.toString());
        String id = SecretKeyFile.read(other).id().toString();
        refused(archive, "signed by key " + id + ", which is not trusted");
    }

    @Test
    void aSignatureTakenFromAnotherArchiveDoesNotVerify() throws Exception {
        Cli.ok("sign", "--key", key.toString(), archive.toString());
        byte[] stolen;
        try (InputStream in = Files.newInputStream(archive); FlashArchiveReader r = FlashArchiveReader.open(in, "a")) {
            stolen = r.section(FlashArchive.SIGNATURE);
        }
        Files.writeString(root.resolve("srv/data"), "someone else's payload\n");
        Path other = work.resolve("other.flar");
        Cli.ok("create", "-q", "-n", "signed", "-R", root.toString(), other.toString());
        Path forged = splice(other, stolen);
        refused(forged, "does not verify (the archive or its signature was altered)");
    }

    @Test
    void aTruncatedSignatureIsRefused() throws Exception {
        Cli.ok("sign", "--key", key.toString(), archive.toString());
        byte[] sig;
        try (InputStream in = Files.newInputStream(archive); FlashArchiveReader r = FlashArchiveReader.open(in, "a")) {
            sig = r.section(FlashArchive.SIGNATURE);
        }
        String text = new String(sig, UTF_8);
        String cut = text.substring(0, text.lastIndexOf('\n', text.length() - 2) + 1) + text.lines().toList().get(3)
                .substring(0, 40) + "\n";
        refused(splice(archive, cut.getBytes(UTF_8)), "the global signature has 30 bytes, not 64");
    }

    @Test
    void aChainIsCheckedWholeBeforeTheFirstArchiveIsWritten() throws Exception {
        Cli.ok("sign", "--key", key.toString(), archive.toString());
        Files.writeString(root.resolve("srv/new"), "added\n");
        Path diff = work.resolve("d.flar");
        Cli.ok("create", "-q", "-n", "d", "-R", root.toString(), "-A", archive.toString(), diff.toString());
        Path t = work.resolve("empty");
        Files.createDirectory(t);
        Cli d = Cli.run("deploy", "-R", t.toString(), "--trusted-key", pub.toString(), archive.toString(), diff.toString());
        assertThat(d.code()).as(d.describe()).isEqualTo(4);
        assertThat(d.err()).contains(diff + ": not signed");
        assertThat(t).isEmptyDirectory();
        Cli.ok("sign", "--key", key.toString(), diff.toString());
        Cli.ok("deploy", "-q", "-R", t.toString(), "--trusted-key", pub.toString(), archive.toString(), diff.toString());
        assertThat(t.resolve("srv/new")).hasContent("added");
    }

    @Test
    void aKeyFileOfTheWrongKindIsAUsageError() throws Exception {
        Cli d = Cli.run("verify", "--trusted-key", key.toString(), archive.toString());
        assertThat(d.code()).isEqualTo(2);
        assertThat(d.err()).contains(key + ": a secret key, not a public key");
        Cli s = Cli.run("sign", "--key", pub.toString(), archive.toString());
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err()).contains(pub + ": a public key; signing needs the secret key");
    }

    @Test
    void theSystemDirectoryOfTrustedKeysRequiresASignature() throws Exception {
        Path dir = work.resolve("trusted-keys");
        Files.createDirectory(dir);
        assertThat(TrustedKeys.load(List.of(), dir).required()).isFalse();
        Files.copy(pub, dir.resolve("master.pub"));
        Files.writeString(dir.resolve("README"), "not a key, not read\n");
        TrustedKeys keys = TrustedKeys.load(List.of(), dir);
        assertThat(keys.keys()).extracting(k -> k.id().toString()).containsExactly(PublicKeyFile.read(pub).id().toString());
        try (InputStream in = Files.newInputStream(archive); FlashArchiveReader r = FlashArchiveReader.open(in, "a")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> keys.check(r))
                    .isInstanceOf(UntrustedArchiveException.class).hasMessageContaining("a: not signed");
        }
    }

    private Path splice(Path archiveFile, byte[] signatureSection) throws Exception {
        Path forged = work.resolve("forged.flar");
        try (InputStream in = Files.newInputStream(archiveFile); OutputStream out = Files.newOutputStream(forged)) {
            SignedCopy.copy(in, out, archiveFile.toString(), id -> signatureSection);
        }
        return forged;
    }
}
