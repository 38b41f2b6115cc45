package org.flar.signature;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flar.testing.Cli;
import org.flar.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password-protected secret keys between flar and Debian's {@code minisign}, both ways: a key
 * made by {@code minisign -G} signs with flar and {@code minisign -V} checks it; a key made by
 * {@code flar keygen --protect} signs with {@code minisign -S} and flar checks it. Without the
 * password, or with a wrong one, nothing is signed and the one line says why.
 */
class ProtectedKeyTest {
    @TempDir
    Path work;

    private Path archive() throws Exception {
        Path root = work.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/motd"), "hello\n");
        Path a = work.resolve("a.flar");
        Cli.ok("create", "-q", "-n", "a", "-R", root.toString(), a.toString());
        return a;
    }

    @Test
    void aKeyMadeByMinisignSignsInFlarAndMinisignVerifies() throws Exception {
        Tools.requireTool("minisign");
        Path key = work.resolve("m.key");
        Path pub = work.resolve("m.pub");
        Process g = new ProcessBuilder("minisign", "-G", "-p", pub.toString(), "-s", key.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("g.log").toFile()).start();
        g.getOutputStream().write("s3cret pass\ns3cret pass\n".getBytes(UTF_8));
        g.getOutputStream().close();
        assertThat(g.waitFor()).as(Files.readString(work.resolve("g.log"))).isZero();
        assertThat(Files.readString(key)).contains("encrypted secret key");
        Path a = archive();

        Cli none = Cli.run("sign", "--key", key.toString(), a.toString());
        assertThat(none.code()).as(none.describe()).isEqualTo(2);
        assertThat(none.errLines().getFirst()).contains(key.toString()).contains("password-protected")
                .contains("--key-password-file");
        Path wrong = work.resolve("wrong");
        Files.writeString(wrong, "not it\n");
        Cli bad = Cli.run("sign", "--key", key.toString(), "--key-password-file", wrong.toString(), a.toString());
        assertThat(bad.code()).as(bad.describe()).isEqualTo(2);
        assertThat(bad.err()).contains("wrong password");
        assertThat(work.resolve("a.flar.minisig")).doesNotExist();

        Path right = work.resolve("right");
        Files.writeString(right, "s3cret pass\n");
        Cli.ok("sign", "--key", key.toString(), "--key-password-file", right.toString(), a.toString());
        Process v = new ProcessBuilder("minisign", "-V", "-p", pub.toString(), "-m", a.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("v.log").toFile()).start();
        assertThat(v.waitFor()).as(Files.readString(work.resolve("v.log"))).isZero();
        Cli.ok("verify", "-q", "--trusted-key", pub.toString(), a.toString());
    }

    @Test
    void aKeyProtectedByFlarSignsInMinisignAndFlarVerifies() throws Exception {
        Tools.requireTool("minisign");
        Path pw = work.resolve("pw");
        Files.writeString(pw, "another one\n");
        Path key = work.resolve("f.key");
        Cli.ok("keygen", "-q", "--protect", "--key-password-file", pw.toString(), key.toString());
        Path a = archive();
        Process s = new ProcessBuilder("minisign", "-S", "-s", key.toString(), "-m", a.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("s.log").toFile()).start();
        s.getOutputStream().write("another one\n".getBytes(UTF_8));
        s.getOutputStream().close();
        assertThat(s.waitFor()).as(Files.readString(work.resolve("s.log"))).isZero();
        // minisign's detached signature beside the unsigned archive, checked by flar over the whole file
        assertThat(work.resolve("a.flar.minisig")).exists();
        Cli.ok("verify", "-q", "--trusted-key", work.resolve("f.pub").toString(), a.toString());
        Cli other = Cli.run("verify", "-q", "--trusted-key", work.resolve("f.pub").toString(), archive().toString());
        assertThat(other.code()).as("the archive made again, its old signature no longer fits").isEqualTo(4);
    }
}
