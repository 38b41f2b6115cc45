package org.flar.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's nginx on loopback with a configuration of the test's own, in a directory of its own
 * (no system configuration, no port of its own choosing): {@code servers} is the http block's
 * body, with {@code ROOT} standing for the prefix directory.
 */
public final class Nginx implements AutoCloseable {
    private final Path prefix;
    private final Process process;

    private Nginx(Path prefix, Process process) {
        this.prefix = prefix;
        this.process = process;
    }

    /** Starts nginx and waits until every port in {@code ports} accepts. */
    public static Nginx start(Path prefix, String servers, int... ports) throws IOException {
        Tools.requireTool("nginx");
        Files.createDirectories(prefix.resolve("logs"));
        // Workers as root: they read the test's files whatever their owner; access logs with the range
        // and byte count, which the tests read back.
        String conf = """
                user root;
                worker_processes 1;
                pid ROOT/nginx.pid;
                error_log ROOT/logs/error.log info;
                events { worker_connections 256; }
                http {
                    log_format flar '$server_port $request_method $uri $status $body_bytes_sent range=$http_range';
                    access_log ROOT/logs/access.log flar;
                    client_body_temp_path ROOT/tmp-body;
                    proxy_temp_path ROOT/tmp-proxy;
                    default_type application/octet-stream;
                    sendfile on;
                %s
                }
                """.formatted(servers).replace("ROOT", prefix.toString());
        Path file = prefix.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process p = new ProcessBuilder(Tools.find("nginx").orElseThrow().toString(), "-p", prefix.toString(), "-e",
                prefix.resolve("logs/error.log").toString(), "-c", file.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout").toFile()).start();
        for (int port : ports) {
            LoopbackServer.awaitListening(port, Duration.ofSeconds(20), p);
        }
        return new Nginx(prefix, p);
    }

    /** The access log's lines so far (port method uri status bytes range=...). */
    public List<String> accessLog() throws IOException {
        Path log = prefix.resolve("logs/access.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
