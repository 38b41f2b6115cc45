package org.flar.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy (Maven Central, copied to target/s3proxy by the build) with its filesystem backend: a
 * real S3-compatible server on loopback, as its own java process, with one access key.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "flar-test-access";
    public static final String SECRET_KEY = "flar-test-secret";

    private final Process process;
    private final URI endpoint;

    private S3ProxyServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static S3ProxyServer start(Path dir) throws IOException {
        Path jar = Path.of("target/s3proxy/s3proxy.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: the build's generate-test-resources phase copies it (mvn test)");
        }
        int port = LoopbackServer.freePort();
        Path data = Files.createDirectories(dir.resolve("s3data"));
        Path conf = dir.resolve("s3proxy.conf");
        Files.writeString(conf, """
                s3proxy.endpoint=http://127.0.0.1:%d
                s3proxy.authorization=aws-v2-or-v4
                s3proxy.identity=%s
                s3proxy.credential=%s
                jclouds.provider=filesystem
                jclouds.filesystem.basedir=%s
                """.formatted(port, ACCESS_KEY, SECRET_KEY, data));
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-jar",
                jar.toString(), "--properties", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        LoopbackServer.awaitListening(port, Duration.ofSeconds(60), p);
        return new S3ProxyServer(p, URI.create("http://127.0.0.1:" + port));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client of the test's own, to make buckets and look at objects. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
