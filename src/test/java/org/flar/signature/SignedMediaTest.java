package org.flar.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flar.media.Catalog;
import org.flar.media.Volume;
import org.flar.testing.Cli;
import org.flar.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed archive's volume set: volume 1 carries the signer's public key, restore with that
 * key trusted works, with another key it is refused before anything is written, and a set is
 * not made with a key that did not sign the archive.
 */
class SignedMediaTest {
    @TempDir
    Path work;

    @Test
    void volumeOneCarriesTheSignersKeyAndRestoreChecksTheSignature() throws Exception {
        Tools.requireTool("xorriso");
        Path root = work.resolve("root");
        Files.createDirectories(root.resolve("srv"));
        Files.writeString(root.resolve("srv/data"), "payload\n");
        Path key = work.resolve("m.key");
        Path other = work.resolve("o.key");
        Cli.ok("keygen", "-q", key.toString());
        Cli.ok("keygen", "-q", other.toString());
        Path archive = work.resolve("a.flar");
        Cli.ok("create", "-q", "-n", "a", "--sign", key.toString(), "-R", root.toString(), archive.toString());

        Cli wrong = Cli.run("media", "create", "-q", "--no-boot", "--media", "64M", "--public-key",
                work.resolve("o.pub").toString(), archive.toString(), work.resolve("bad").toString());
        assertThat(wrong.code()).as(wrong.describe()).isEqualTo(4);
        assertThat(wrong.err()).contains("signed by key " + SecretKeyFile.read(key).id() + ", which is not trusted");

        Path set = work.resolve("set");
        Cli.ok("media", "create", "-q", "--no-boot", "--media", "64M", "--public-key", work.resolve("m.pub").toString(),
                archive.toString(), set.toString());
        Path iso = set.resolve("a-1.iso");
        try (Volume v = Volume.open(iso)) {
            assertThat(v.readFile(Catalog.SIGNER_KEY, 4096)).isEqualTo(Files.readAllBytes(work.resolve("m.pub")));
        }
        Path refused = work.resolve("refused");
        Cli r = Cli.run("media", "restore", "-q", "-R", refused.toString(), "--trusted-key", work.resolve("o.pub").toString(),
                iso.toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(4);
        assertThat(r.err()).contains("which is not trusted");
        assertThat(Files.exists(refused.resolve("srv"))).isFalse();
        Path restored = work.resolve("restored");
        Cli.ok("media", "restore", "-q", "-R", restored.toString(), "--trusted-key", work.resolve("m.pub").toString(),
                iso.toString());
        assertThat(restored.resolve("srv/data")).hasContent("payload");
    }
}
