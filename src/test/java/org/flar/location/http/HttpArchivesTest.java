package org.flar.location.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.flar.location.ArchiveFixture;
import org.flar.testing.Cli;
import org.flar.testing.FlarProcess;
import org.flar.testing.LoopbackServer;
import org.flar.testing.Nginx;
import org.flar.testing.TreeSnapshot;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Archives read from Debian's nginx on loopback: plain http, basic and bearer auth, an HTTP
 * proxy (nginx again), https with a CA the test makes. One server for the class.
 */
class HttpArchivesTest {
    private static final String TOKEN = "t0ken-for-flar-tests";
    private static Path dir;
    private static ArchiveFixture fixture;
    private static Nginx nginx;
    private static int plain;
    private static int tls;
    private static int proxy;

    @BeforeAll
    static void serve() throws IOException {
        Tools.requireTool("nginx");
        Tools.requireTool("openssl");
        dir = Tools.scratchDir("http-archives");
        fixture = ArchiveFixture.make(dir, 6);
        Path www = dir.resolve("www");
        for (String sub : List.of("", "basic", "bearer")) {
            Files.createDirectories(www.resolve(sub));
            Files.createLink(www.resolve(sub).resolve("full.flar"), fixture.full());
        }
        Files.createLink(www.resolve("diff.flar"), fixture.differential());
        Files.writeString(dir.resolve("htpasswd"), "flar:{PLAIN}right-password\n");
        makeCertificates();
        plain = LoopbackServer.freePort();
        tls = LoopbackServer.freePort();
        proxy = LoopbackServer.freePort();
        nginx = Nginx.start(dir.resolve("nginx"), """
                server {
                    listen 127.0.0.1:%1$d;
                    root %4$s/www;
                    location /basic/ { auth_basic "flar"; auth_basic_user_file %4$s/htpasswd; }
                    location /bearer/ { if ($http_authorization != "Bearer %5$s") { return 401; } }
                }
                server {
                    listen 127.0.0.1:%2$d ssl;
                    ssl_certificate %4$s/server.pem;
                    ssl_certificate_key %4$s/server.key;
                    root %4$s/www;
                }
                server {
                    listen 127.0.0.1:%3$d;
                    location / { proxy_pass http://127.0.0.1:%1$d; }
                }
                """.formatted(plain, tls, proxy, dir, TOKEN), plain, tls, proxy);
    }

    /** A CA and a server certificate for 127.0.0.1 signed by it, as a site with its own CA has. */
    private static void makeCertificates() throws IOException {
        Tools.run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=flar test CA");
        Tools.run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        Tools.run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.close();
        }
        Tools.deleteTree(dir);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + plain + "/" + path;
    }

    /** Bytes nginx sent for {@code uri} on {@code port} in the log lines after the first {@code skip}. */
    private static long sent(int port, String uri, int skip) throws IOException {
        return nginx.accessLog().stream().skip(skip).map(l -> l.split(" "))
                .filter(f -> f[0].equals(String.valueOf(port)) && f[2].equals(uri)).mapToLong(f -> Long.parseLong(f[4])).sum();
    }

    @Test
    void aChainDeploysFromHttpAndADifferentialIsMadeAgainstAnHttpMaster() throws IOException {
        int before = nginx.accessLog().size();
        Path made = dir.resolve("diff-against-url.flar");
        Cli.ok("create", "-q", "-n", "fixture-1", "-R", fixture.changedTree().toString(), "-A", url("full.flar"), made.toString());
        long archive = Files.size(fixture.full());
        assertThat(sent(plain, "/full.flar", before)).as("-A reads only the master's text sections")
                .isPositive().isLessThan(archive / 4);

        Path target = dir.resolve("chain-target");
        Files.createDirectories(target);
        Cli r = Cli.ok("deploy", "--json", "-R", target.toString(), url("full.flar"), url("diff.flar"));
        assertThat(ArchiveFixture.deployed(target)).isEqualTo(TreeSnapshot.of(fixture.changedTree()));
        assertThat(r.out()).contains("\"archives\"", url("full.flar"), url("diff.flar"));
    }

    @Test
    void infoFetchesOnlyTheBytesBeforeThePayload() throws IOException {
        int before = nginx.accessLog().size();
        Cli r = Cli.ok("info", "--json", url("full.flar"));
        assertThat(r.out()).contains("\"location\" : \"" + url("full.flar") + "\"", "fixture");
        long fetched = sent(plain, "/full.flar", before);
        assertThat(fetched).as("bytes fetched of a %d-byte archive", Files.size(fixture.full()))
                .isPositive().isLessThan(1 << 20);
        assertThat(nginx.accessLog().stream().skip(before)).allMatch(l -> l.contains("range=bytes="));
    }

    @Test
    void aMissingArchiveAndARefusingServerAreOneLineEach() {
        Cli missing = Cli.run("verify", url("no-such.flar"));
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.errLines()).singleElement().asString().contains(url("no-such.flar"), "404");

        String closed = "http://127.0.0.1:" + LoopbackServer.freePort() + "/full.flar";
        Cli refused = Cli.run("info", "--retries", "1", "--retry-pause", "0.05", closed);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.errLines().getLast()).contains(closed, "cannot connect");
        assertThat(refused.errLines().getFirst()).contains("retrying");
    }

    @Test
    void basicAuthTakesItsCredentialsFromAPrivateFileOnly() throws IOException {
        Path good = Files.writeString(dir.resolve("good.cred"), "user=flar\npassword=right-password\n");
        Path bad = Files.writeString(dir.resolve("bad.cred"), "user=flar\npassword=wrong-password\n");
        Files.setPosixFilePermissions(good, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(bad, PosixFilePermissions.fromString("rw-------"));
        Cli ok = Cli.ok("verify", "--credentials", good.toString(), url("basic/full.flar"));
        assertThat(ok.out()).contains("good");

        Cli wrong = Cli.run("verify", "--credentials", bad.toString(), url("basic/full.flar"));
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.errLines()).singleElement().asString().contains("401", "user flar").doesNotContain("wrong-password");

        Cli none = Cli.run("info", url("basic/full.flar"));
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("401", "credentials (none)");

        Files.setPosixFilePermissions(good, PosixFilePermissions.fromString("rw-r--r--"));
        Cli open = Cli.run("info", "--credentials", good.toString(), url("basic/full.flar"));
        assertThat(open.code()).isEqualTo(2);
        assertThat(open.err()).contains("readable by others");

        Cli inUrl = Cli.run("info", "http://flar:right-password@127.0.0.1:" + plain + "/basic/full.flar");
        assertThat(inUrl.code()).isEqualTo(2);
        assertThat(inUrl.err()).contains("process listings").doesNotContain("right-password");
    }

    @Test
    void aBearerTokenComesFromTheEnvironmentOrAFile() throws IOException {
        // The environment only reaches a process of its own.
        List<String> cmd = FlarProcess.command("info", "-k", "content_name", url("bearer/full.flar"));
        Tools.Result ok = Tools.exec(cmd, dir, Map.of("FLAR_HTTP_TOKEN", TOKEN), Tools.DEFAULT_TIMEOUT);
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        assertThat(ok.stdout().strip()).isEqualTo("fixture");

        Path wrongToken = Files.writeString(dir.resolve("token.cred"), "token=not-the-token\n");
        Files.setPosixFilePermissions(wrongToken, PosixFilePermissions.fromString("rw-------"));
        Cli wrong = Cli.run("info", "--credentials", wrongToken.toString(), url("bearer/full.flar"));
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("401", "bearer token from " + wrongToken).doesNotContain("not-the-token");
    }

    @Test
    void anHttpProxyCarriesTheRequests() throws IOException {
        int before = nginx.accessLog().size();
        Cli.ok("info", "--proxy", "http://127.0.0.1:" + proxy, url("full.flar"));
        assertThat(nginx.accessLog().stream().skip(before).filter(l -> l.startsWith(proxy + " GET /full.flar 206 ")))
                .as("requests the proxy answered").isNotEmpty();
    }

    @Test
    void httpsTrustsTheCaFileItIsGivenAndNothingElseOfItsOwn() {
        String https = "https://127.0.0.1:" + tls + "/full.flar";
        Cli ok = Cli.ok("info", "-k", "content_name", "--ca-file", dir.resolve("ca.pem").toString(), https);
        assertThat(ok.out().strip()).isEqualTo("fixture");

        Cli untrusted = Cli.run("info", "--retries", "0", https);
        assertThat(untrusted.code()).isEqualTo(1);
        assertThat(untrusted.errLines()).singleElement().asString().contains(https, "TLS", "--ca-file");
    }
}
