package org.flar.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flar.location.ArchiveFixture;
import org.flar.testing.Cli;
import org.flar.testing.Tools;
import org.flar.testing.TreeSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** flar serve over HTTPS with a site CA's certificate (made by openssl), read by flar's client. */
class TlsServeTest {
    @TempDir
    static Path dir;
    private static ArchiveFixture fixture;

    @BeforeAll
    static void certificates() throws IOException {
        Tools.requireTool("openssl");
        Tools.run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=flar test CA");
        Tools.run(dir, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "server.key",
                "-out", "server.csr", "-subj", "/CN=127.0.0.1");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        Tools.run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
        fixture = ArchiveFixture.make(dir.resolve("made"), 2);
        Files.createDirectories(dir.resolve("archives"));
        Files.copy(fixture.full(), dir.resolve("archives/full.flar"));
    }

    @Test
    void archivesAreServedOverHttpsToClientsThatTrustTheSiteCa() throws Exception {
        try (ArchiveServer server = ArchiveServer.start(dir.resolve("archives"), new InetSocketAddress("127.0.0.1", 0),
                TlsIdentity.load(dir.resolve("server.pem"), dir.resolve("server.key")), line -> { })) {
            String url = server.url() + "archives/full.flar";
            assertThat(url).startsWith("https://127.0.0.1:");
            Path t = dir.resolve("target");
            Cli.ok("deploy", "-q", "--ca-file", dir.resolve("ca.pem").toString(), "-R", t.toString(), url);
            assertThat(ArchiveFixture.deployed(t)).isEqualTo(TreeSnapshot.of(fixture.tree()));

            Cli untrusted = Cli.run("info", url);
            assertThat(untrusted.code()).isEqualTo(1);
            assertThat(untrusted.err()).containsIgnoringCase("certif");
        }
    }

    @Test
    void aKeyInAnotherFormatIsOneLineSayingHowToConvertIt() throws Exception {
        Tools.run(dir, "openssl", "pkey", "-in", "server.key", "-traditional", "-out", "traditional.key");
        assertThatThrownBy(() -> TlsIdentity.load(dir.resolve("server.pem"), dir.resolve("traditional.key")))
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        Cli r = Cli.run("serve", "--archives", dir.resolve("archives").toString(), "--listen", "127.0.0.1:0",
                "--tls-cert", dir.resolve("server.pem").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--tls-cert and --tls-key go together");
    }
}
