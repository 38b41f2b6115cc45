package org.flar.location.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.flar.location.ArchiveFixture;
import org.flar.location.LocationSettings;
import org.flar.location.ParallelRanges;
import org.flar.location.RangeSource;
import org.flar.progress.Progress;
import org.flar.testing.Cli;
import org.flar.testing.S3ProxyServer;
import org.flar.testing.TreeSnapshot;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Archives in an S3-compatible store: S3Proxy on loopback, reached through the SDK's default
 * credential chain (here its first link, the aws.accessKeyId and aws.secretAccessKey system
 * properties, since a test cannot set this JVM's environment).
 */
class S3ArchivesTest {
    private static final String BUCKET = "flar-archives";
    private static Path dir;
    private static S3ProxyServer s3;
    private static S3Client client;
    private static Path tree;
    private static Path changed;

    @BeforeAll
    static void start() throws IOException {
        dir = Tools.scratchDir("s3-archives");
        s3 = S3ProxyServer.start(dir);
        client = s3.client();
        client.createBucket(b -> b.bucket(BUCKET));
        useKeys(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
        // More than two upload parts of 16 MiB, of bytes no compression shrinks.
        tree = Files.createDirectories(dir.resolve("tree"));
        byte[] random = new byte[34 << 20];
        new Random(7).nextBytes(random);
        Files.write(tree.resolve("random.bin"), random);
        Files.writeString(Files.createDirectories(tree.resolve("etc")).resolve("app.conf"), "v1\n");
        changed = dir.resolve("changed");
        Tools.run(dir, "cp", "-a", tree.toString(), changed.toString());
        Files.writeString(changed.resolve("etc/app.conf"), "v2\n");
    }

    private static void useKeys(String access, String secret) {
        System.setProperty("aws.accessKeyId", access);
        System.setProperty("aws.secretAccessKey", secret);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (client != null) {
            client.close();
        }
        if (s3 != null) {
            s3.close();
        }
        Tools.deleteTree(dir);
    }

    private static String endpoint() {
        return s3.endpoint().toString();
    }

    @Test
    void createUploadsInPartsAndAChainDeploysFromTheStore() throws IOException {
        Cli made = Cli.ok("create", "--json", "-n", "app", "--s3-endpoint", endpoint(), "-R", tree.toString(),
                "s3://" + BUCKET + "/app.flar");
        assertThat(made.out()).contains("\"location\" : \"s3://" + BUCKET + "/app.flar\"");
        // A multipart object's ETag ends in the number of its parts.
        assertThat(client.headObject(h -> h.bucket(BUCKET).key("app.flar")).eTag()).endsWith("-3\"");

        Cli.ok("create", "-q", "-n", "app-1", "--s3-endpoint", endpoint(), "-R", changed.toString(),
                "-A", "s3://" + BUCKET + "/app.flar", "s3://" + BUCKET + "/app-1.flar");
        Path target = Files.createDirectories(dir.resolve("target"));
        Cli.ok("deploy", "-q", "--s3-endpoint", endpoint(), "-R", target.toString(),
                "s3://" + BUCKET + "/app.flar", "s3://" + BUCKET + "/app-1.flar");
        assertThat(ArchiveFixture.deployed(target)).isEqualTo(TreeSnapshot.of(changed));

        Cli info = Cli.ok("info", "-k", "content_name", "--s3-endpoint", endpoint(), "s3://" + BUCKET + "/app-1.flar");
        assertThat(info.out().strip()).isEqualTo("app-1");
    }

    @Test
    void aDownloadFetchesRangesInParallelAndInOrder() throws Exception {
        byte[] object = new byte[33 << 20];
        new Random(3).nextBytes(object);
        client.putObject(p -> p.bucket(BUCKET).key("blob"), software.amazon.awssdk.core.sync.RequestBody.fromBytes(object));
        LocationSettings settings = new LocationSettings(null, null, null, 0, null, s3.endpoint(), null, 3);
        S3Location real = S3Location.of("s3://" + BUCKET + "/blob", settings, Progress.NONE);
        AtomicInteger open = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // Watches the real location's ranges; every byte still comes from the store.
        RangeSource watched = new RangeSource() {
            @Override
            public long size() throws IOException {
                return real.size();
            }

            @Override
            public InputStream open(long from, long to) throws IOException {
                most.accumulateAndGet(open.incrementAndGet(), Math::max);
                try (InputStream in = real.open(from, to)) {
                    return new java.io.ByteArrayInputStream(in.readAllBytes());
                } finally {
                    open.decrementAndGet();
                }
            }

            @Override
            public boolean isTransient(IOException e) {
                return real.isTransient(e);
            }
        };
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new ParallelRanges(watched, "blob", settings, Progress.NONE)) {
            read.update(in.readAllBytes());
        }
        assertThat(HexFormat.of().formatHex(read.digest()))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(object)));
        assertThat(most.get()).as("ranges fetched at once, of %d", 1 + object.length / ParallelRanges.CHUNK).isGreaterThan(1);
    }

    @Test
    void mediaCreateUploadsItsVolumesUnderAPrefix() {
        Tools.requireTool("xorriso");
        Cli r = Cli.ok("media", "create", "--json", "--media", "cd700", "--no-boot", "--name", "etcset", "--s3-endpoint", endpoint(),
                "-R", tree.resolve("etc").toString(), "s3://" + BUCKET + "/sets/");
        assertThat(r.out()).contains("s3://" + BUCKET + "/sets/etcset-1.iso");
        assertThat(client.headObject(h -> h.bucket(BUCKET).key("sets/etcset-1.iso")).contentLength()).isPositive();
    }

    @Test
    void aMissingBucketOrKeyIsOneLine() {
        Cli noBucket = Cli.run("info", "--s3-endpoint", endpoint(), "s3://no-such-bucket/app.flar");
        assertThat(noBucket.code()).isEqualTo(1);
        assertThat(noBucket.errLines()).singleElement().asString().contains("s3://no-such-bucket/app.flar", "no such bucket");

        Cli noKey = Cli.run("deploy", "--s3-endpoint", endpoint(), "-R", dir.toString(), "s3://" + BUCKET + "/no-such.flar");
        assertThat(noKey.code()).isEqualTo(1);
        assertThat(noKey.errLines()).singleElement().asString().contains("s3://" + BUCKET + "/no-such.flar", "no such key");

        Cli upload = Cli.run("create", "-q", "--s3-endpoint", endpoint(), "-R", dir.resolve("tree/etc").toString(),
                "s3://no-such-bucket/new.flar");
        assertThat(upload.code()).isEqualTo(1);
        assertThat(upload.errLines()).singleElement().asString().contains("s3://no-such-bucket/new.flar", "no such bucket");
    }

    @Test
    void wrongCredentialsAreRefused() {
        useKeys(S3ProxyServer.ACCESS_KEY, "not-the-secret");
        try {
            Cli r = Cli.run("info", "--s3-endpoint", endpoint(), "s3://" + BUCKET + "/app.flar");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.errLines()).singleElement().asString().contains("access denied").doesNotContain("not-the-secret");
            Cli up = Cli.run("create", "-q", "--s3-endpoint", endpoint(), "-R", dir.resolve("tree/etc").toString(),
                    "s3://" + BUCKET + "/refused.flar");
            assertThat(up.code()).isEqualTo(1);
            assertThat(client.listObjectsV2(l -> l.bucket(BUCKET)).contents()).noneMatch(o -> o.key().equals("refused.flar"));
        } finally {
            useKeys(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
        }
    }
}
