package org.flar.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.flar.location.s3.S3Presigned;

/**
 * The archives of one directory over HTTP, under {@code /archives/NAME}, with range requests
 * and validators so that flar's reader resumes a cut transfer where it stopped and refuses one
 * whose file was replaced meanwhile (If-Range). Files are read through the page cache, one
 * channel per request, so many machines installing from one archive cost its size in memory
 * once, not once per machine. Each request runs on its own virtual thread.
 */
public final class ArchiveServer implements AutoCloseable {
    /** A name served: no directories, no dot files (so nothing outside the directory, nothing hidden). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]{0,254}");

    private final Path dir;
    private final S3Presigned store;
    private final HttpServer http;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Consumer<String> log;
    private final AtomicLong bytesSent = new AtomicLong();

    private ArchiveServer(Path dir, S3Presigned store, HttpServer http, Consumer<String> log) {
        this.dir = dir;
        this.store = store;
        this.http = http;
        this.log = log;
    }

    /** Serves {@code dir} on {@code bind} (port 0: any free one) until {@link #close}. */
    public static ArchiveServer start(Path dir, InetSocketAddress bind, Consumer<String> log) throws IOException {
        return start(dir, bind, null, log);
    }

    /** @param tls the HTTPS identity ({@link TlsIdentity}), or null for plain HTTP */
    public static ArchiveServer start(Path dir, InetSocketAddress bind, SSLContext tls, Consumer<String> log) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory of archives");
        }
        return new ArchiveServer(dir, null, http(bind, tls), log).started();
    }

    private static HttpServer http(InetSocketAddress bind, SSLContext tls) throws IOException {
        if (tls == null) {
            return HttpServer.create(bind, 64);
        }
        HttpsServer https = HttpsServer.create(bind, 64);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        return https;
    }

    /**
     * Archives that live in an S3-compatible store: {@code /archives/NAME} is answered with a
     * redirect (307) to a presigned URL of {@code store}'s NAME, so machines read from the store
     * and the server carries only the redirects, whatever the fleet's size.
     */
    public static ArchiveServer redirecting(S3Presigned store, InetSocketAddress bind, SSLContext tls, Consumer<String> log)
            throws IOException {
        return new ArchiveServer(null, store, http(bind, tls), log).started();
    }

    private ArchiveServer started() {
        http.createContext("/archives/", this::archive);
        http.setExecutor(threads);
        http.start();
        return this;
    }

    /** The server's address as a URL, e.g. {@code http://127.0.0.1:8080/}. */
    public URI url() {
        InetSocketAddress a = http.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create((http instanceof HttpsServer ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    /** Body bytes sent so far, for every request together. */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** One more endpoint on the same port (the install server's), on the same virtual threads. */
    public void handle(String context, HttpHandler handler) {
        http.createContext(context, x -> {
            try (x) {
                handler.handle(x);
            } catch (IOException | RuntimeException e) {
                log.accept(x.getRemoteAddress().getAddress().getHostAddress() + " " + x.getRequestMethod() + " "
                        + x.getRequestURI().getRawPath() + ": " + e.getMessage());
            }
        });
    }

    private void archive(HttpExchange x) throws IOException {
        try (x) {
            if (FileResponse.refusedMethod(x)) {
                return;
            }
            String name = x.getRequestURI().getPath().substring("/archives/".length());
            if (store != null && NAME.matcher(name).matches()) {
                // each request, a resumed range too, gets a fresh URL: none outlives its transfer
                x.getResponseHeaders().set("Location", store.get(name).toString());
                x.sendResponseHeaders(307, -1);
                return;
            }
            Path file = NAME.matcher(name).matches() && dir != null ? dir.resolve(name) : null;
            if (file == null || !Files.isRegularFile(file)) {
                log.accept(x.getRemoteAddress().getAddress().getHostAddress() + " " + x.getRequestMethod() + " "
                        + x.getRequestURI().getRawPath() + ": 404 no such archive");
                FileResponse.text(x, 404, "no such archive");
                return;
            }
            FileResponse.send(x, file, bytesSent);
        } catch (IOException e) {
            // the machine went away mid-transfer; its reader resumes with a range
            log.accept(x.getRemoteAddress().getAddress().getHostAddress() + " " + x.getRequestURI().getRawPath() + ": "
                    + e.getMessage());
        }
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
        if (store != null) {
            store.close();
        }
    }
}
