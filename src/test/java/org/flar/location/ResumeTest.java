package org.flar.location;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flar.testing.Cli;
import org.flar.testing.LoopbackServer;
import org.flar.testing.Nginx;
import org.flar.testing.TreeSnapshot;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A deployment over http through a connection that is cut in the payload: resumed, or refused with what was verified. */
class ResumeTest {
    private static final long CUT = 2 << 20;
    private static Path dir;
    private static ArchiveFixture fixture;
    private static Nginx nginx;
    private static int port;

    @BeforeAll
    static void serve() throws IOException {
        dir = Tools.scratchDir("resume");
        fixture = ArchiveFixture.make(dir, 6);
        Files.createDirectories(dir.resolve("www"));
        Files.createLink(dir.resolve("www/full.flar"), fixture.full());
        port = LoopbackServer.freePort();
        nginx = Nginx.start(dir.resolve("nginx"), "server { listen 127.0.0.1:%d; root %s/www; }".formatted(port, dir), port);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.close();
        }
        Tools.deleteTree(dir);
    }

    private Cli deployThrough(CuttingProxy proxy, String target, String... options) throws IOException {
        Path t = dir.resolve(target);
        Files.createDirectories(t);
        String[] args = new String[options.length + 6];
        System.arraycopy(new String[] {"deploy", "--retry-pause", "0.05", "-R", t.toString()}, 0, args, 0, 5);
        System.arraycopy(options, 0, args, 5, options.length);
        args[args.length - 1] = "http://127.0.0.1:" + proxy.port() + "/full.flar";
        return Cli.run(args);
    }

    @Test
    void aConnectionCutInThePayloadResumesWhereTheReadStopped() throws IOException {
        try (CuttingProxy proxy = new CuttingProxy(port, CUT, CuttingProxy.Later.RELAY)) {
            Cli r = deployThrough(proxy, "resumed");
            assertThat(r.code()).as(r.describe()).isZero();
            assertThat(r.err()).contains("retrying at byte");
            assertThat(proxy.connections()).isEqualTo(2);
            assertThat(ArchiveFixture.deployed(dir.resolve("resumed"))).isEqualTo(TreeSnapshot.of(fixture.tree()));
        }
        assertThat(nginx.accessLog()).anyMatch(l -> l.matches(".* 206 \\d+ range=bytes=\\d{6,}-\\d+") );
    }

    @Test
    void otherBytesOnResumeAreCaughtByTheChecksums() throws IOException {
        try (CuttingProxy proxy = new CuttingProxy(port, CUT, CuttingProxy.Later.OTHER_BYTES)) {
            Cli r = deployThrough(proxy, "other-bytes");
            assertThat(r.code()).as(r.describe()).isEqualTo(4);
            assertThat(r.errLines().getLast()).contains("full.flar");
            assertThat(dir.resolve("other-bytes/random.bin")).doesNotExist();
        }
    }

    @Test
    void aServerThatStaysAwayIsGivenUpOnAfterTheRetriesSayingHowFarItGot() throws IOException {
        try (CuttingProxy proxy = new CuttingProxy(port, CUT, CuttingProxy.Later.REFUSE)) {
            Cli r = deployThrough(proxy, "refused", "--retries", "2");
            assertThat(r.code()).as(r.describe()).isEqualTo(1);
            assertThat(r.errLines().getLast()).containsPattern("gave up after 2 retries with \\d+ of "
                    + Files.size(fixture.full()) + " bytes read: connection lost");
            // At least one connection a try: the JDK's client retries a refused GET once on its own.
            assertThat(proxy.connections()).isGreaterThanOrEqualTo(3);
            assertThat(dir.resolve("refused/random.bin")).doesNotExist();
        }
    }
}
