package org.flar.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flar.location.ArchiveFixture;
import org.flar.location.CuttingProxy;
import org.flar.testing.Cli;
import org.flar.testing.TreeSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flar serve}'s archive server against flar's own HTTP reader and the JDK's client: a
 * chain deployed from it, a text-section read that fetches only the start, a transfer cut in
 * the payload resumed through a relay, and the range rules (suffix, open end, past the end,
 * If-Range of another file, names outside the directory).
 */
class ArchiveServerTest {
    @TempDir
    static Path dir;
    private static ArchiveFixture fixture;
    private static ArchiveServer server;
    private static final List<String> log = new ArrayList<>();
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void serve() throws IOException {
        fixture = ArchiveFixture.make(dir.resolve("made"), 4);
        Path archives = Files.createDirectories(dir.resolve("archives"));
        Files.copy(fixture.full(), archives.resolve("full.flar"));
        Files.copy(fixture.differential(), archives.resolve("diff.flar"));
        Files.writeString(dir.resolve("secret"), "not served\n");
        server = ArchiveServer.start(archives, new InetSocketAddress("127.0.0.1", 0), line -> {
            synchronized (log) {
                log.add(line);
            }
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String url(String name) {
        return server.url() + "archives/" + name;
    }

    @Test
    void aChainDeploysFromTheServer() throws IOException {
        Path t = dir.resolve("chain");
        Cli r = Cli.run("deploy", "-q", "-R", t.toString(), url("full.flar"), url("diff.flar"));
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(ArchiveFixture.deployed(t)).isEqualTo(TreeSnapshot.of(fixture.changedTree()));
    }

    @Test
    void aMediaSetIsMadeFromAnArchiveOnTheServer() throws IOException {
        org.flar.testing.Tools.requireTool("xorriso");
        Path set = dir.resolve("set");
        Cli.ok("media", "create", "-q", "--no-boot", "--media", "24M", "--piece-size", "8MiB", url("full.flar"), set.toString());
        List<String> restore = new ArrayList<>(List.of("media", "restore", "-q", "--no-state", "-R", dir.resolve("from-set").toString()));
        try (var isos = Files.list(set)) {
            isos.sorted().forEach(p -> restore.add(p.toString()));
        }
        assertThat(restore).hasSizeGreaterThan(6); // the set's volumes, at least one
        Cli.ok(restore.toArray(String[]::new));
        assertThat(ArchiveFixture.deployed(dir.resolve("from-set"))).isEqualTo(TreeSnapshot.of(fixture.tree()));
    }

    @Test
    void infoFetchesOnlyTheTextSections() throws IOException {
        long before = server.bytesSent();
        Cli.ok("info", url("full.flar"));
        assertThat(server.bytesSent() - before).isLessThan(Files.size(fixture.full()) / 4);
    }

    @Test
    void aTransferCutInThePayloadResumes() throws IOException {
        int port = server.url().getPort();
        try (CuttingProxy proxy = new CuttingProxy(port, 1_500_000, CuttingProxy.Later.RELAY)) {
            Path t = dir.resolve("resumed");
            Cli r = Cli.run("deploy", "--retry-pause", "0.05", "-R", t.toString(),
                    "http://127.0.0.1:" + proxy.port() + "/archives/full.flar");
            assertThat(r.code()).as(r.describe()).isZero();
            assertThat(r.err()).contains("retrying at byte");
            assertThat(proxy.connections()).isEqualTo(2);
            assertThat(ArchiveFixture.deployed(t)).isEqualTo(TreeSnapshot.of(fixture.tree()));
        }
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void rangesAreServedAsAsked() throws Exception {
        byte[] file = Files.readAllBytes(fixture.full());
        HttpResponse<byte[]> whole = get("archives/full.flar");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(file);
        String etag = whole.headers().firstValue("etag").orElseThrow();

        HttpResponse<byte[]> middle = get("archives/full.flar", "Range", "bytes=100-199");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("content-range")).hasValue("bytes 100-199/" + file.length);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(file, 100, 200));

        assertThat(get("archives/full.flar", "Range", "bytes=-10").body()).isEqualTo(Arrays.copyOfRange(file, file.length - 10, file.length));
        assertThat(get("archives/full.flar", "Range", "bytes=" + (file.length - 5) + "-").body())
                .isEqualTo(Arrays.copyOfRange(file, file.length - 5, file.length));
        HttpResponse<byte[]> past = get("archives/full.flar", "Range", "bytes=" + file.length + "-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("content-range")).hasValue("bytes */" + file.length);

        assertThat(get("archives/full.flar", "Range", "bytes=100-199", "If-Range", etag).statusCode()).isEqualTo(206);
        HttpResponse<byte[]> replaced = get("archives/full.flar", "Range", "bytes=100-199", "If-Range", "\"another-file\"");
        assertThat(replaced.statusCode()).as("If-Range of another file: the whole file").isEqualTo(200);
        assertThat(replaced.body()).hasSize(file.length);
    }

    @Test
    void nothingOutsideTheDirectoryIsServed() throws Exception {
        for (String path : List.of("archives/../secret", "archives/%2e%2e/secret", "archives/..%2fsecret", "archives/.hidden",
                "archives/", "archives/nosuch.flar", "secret")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
        Cli r = Cli.run("deploy", "-q", "-R", dir.resolve("none").toString(), url("nosuch.flar"));
        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("nosuch.flar");
        assertThat(dir.resolve("none")).doesNotExist();
    }
}
