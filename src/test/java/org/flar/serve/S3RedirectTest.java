package org.flar.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.flar.location.ArchiveFixture;
import org.flar.location.LocationSettings;
import org.flar.location.s3.S3Presigned;
import org.flar.testing.Cli;
import org.flar.testing.S3ProxyServer;
import org.flar.testing.Tools;
import org.flar.testing.TreeSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * flar serve with its archives in an S3-compatible store (S3Proxy on loopback): machines are
 * redirected to presigned URLs and read the chain from the store, ranges and all, while the
 * server sends no archive byte; a name the store lacks is the store's 404.
 */
class S3RedirectTest {
    private Path dir;
    private S3ProxyServer s3;
    private ArchiveServer server;
    private java.util.Map<String, String> expected;

    @BeforeEach
    void start() throws Exception {
        dir = Tools.scratchDir("s3-redirect");
        s3 = S3ProxyServer.start(dir);
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        ArchiveFixture fixture = ArchiveFixture.make(dir.resolve("made"), 3);
        try (S3Client client = s3.client()) {
            client.createBucket(b -> b.bucket("images"));
            client.putObject(p -> p.bucket("images").key("golden/full.flar"), RequestBody.fromFile(fixture.full()));
            client.putObject(p -> p.bucket("images").key("golden/diff.flar"), RequestBody.fromFile(fixture.differential()));
        }
        LocationSettings settings = new LocationSettings(null, null, null, LocationSettings.RETRIES, null, s3.endpoint(), null, LocationSettings.PARALLEL);
        server = ArchiveServer.redirecting(new S3Presigned("s3://images/golden/", settings, Duration.ofMinutes(5)),
                new InetSocketAddress("127.0.0.1", 0), null, line -> { });
        expected = TreeSnapshot.of(fixture.changedTree());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        s3.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        Tools.deleteTree(dir);
    }

    @Test
    void machinesAreSentToTheStoreAndDeployTheChainFromIt() throws Exception {
        HttpResponse<Void> redirect = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.url() + "archives/full.flar")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(redirect.headers().firstValue("Location")).get().asString()
                .startsWith(s3.endpoint() + "/images/golden/full.flar?").contains("X-Amz-Signature=");

        Path t = dir.resolve("target");
        Cli r = Cli.run("deploy", "-q", "-R", t.toString(), server.url() + "archives/full.flar", server.url() + "archives/diff.flar");
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(ArchiveFixture.deployed(t)).isEqualTo(expected);
        assertThat(server.bytesSent()).isZero();

        Cli missing = Cli.run("info", server.url() + "archives/gone.flar");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("gone.flar").contains("404");
    }
}
