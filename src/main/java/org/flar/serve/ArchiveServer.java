package org.flar.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

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
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Path dir;
    private final HttpServer http;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Consumer<String> log;
    private final AtomicLong bytesSent = new AtomicLong();

    private ArchiveServer(Path dir, HttpServer http, Consumer<String> log) {
        this.dir = dir;
        this.http = http;
        this.log = log;
    }

    /** Serves {@code dir} on {@code bind} (port 0: any free one) until {@link #close}. */
    public static ArchiveServer start(Path dir, InetSocketAddress bind, Consumer<String> log) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory of archives");
        }
        ArchiveServer s = new ArchiveServer(dir, HttpServer.create(bind, 64), log);
        s.http.createContext("/archives/", s::archive);
        s.http.setExecutor(s.threads);
        s.http.start();
        return s;
    }

    /** The server's address as a URL, e.g. {@code http://127.0.0.1:8080/}. */
    public URI url() {
        InetSocketAddress a = http.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    /** Body bytes sent so far, for every request together. */
    public long bytesSent() {
        return bytesSent.get();
    }

    private void archive(HttpExchange x) throws IOException {
        try (x) {
            String method = x.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                x.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(x, 405, method + " is not served");
                return;
            }
            String name = x.getRequestURI().getPath().substring("/archives/".length());
            Path file = NAME.matcher(name).matches() ? dir.resolve(name) : null;
            if (file == null || !Files.isRegularFile(file)) {
                log.accept(x.getRemoteAddress().getAddress().getHostAddress() + " " + method + " " + x.getRequestURI().getRawPath()
                        + ": 404 no such archive");
                reply(x, 404, "no such archive");
                return;
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                long size = ch.size();
                // A validator that changes when the file is replaced or rewritten: size, mtime and inode.
                String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(attrs.lastModifiedTime().toMillis())
                        + "-" + Integer.toHexString(String.valueOf(attrs.fileKey()).hashCode()) + "\"";
                String modified = HTTP_DATE.format(Instant.ofEpochMilli(attrs.lastModifiedTime().toMillis()));
                x.getResponseHeaders().set("Accept-Ranges", "bytes");
                x.getResponseHeaders().set("ETag", etag);
                x.getResponseHeaders().set("Last-Modified", modified);
                x.getResponseHeaders().set("Content-Type", "application/octet-stream");
                ByteRange range;
                try {
                    range = ByteRange.parse(x.getRequestHeaders().getFirst("Range"), size);
                } catch (ByteRange.Unsatisfiable e) {
                    x.getResponseHeaders().set("Content-Range", "bytes */" + size);
                    reply(x, 416, e.getMessage());
                    return;
                }
                String ifRange = x.getRequestHeaders().getFirst("If-Range");
                if (range != null && ifRange != null && !ifRange.equals(etag) && !ifRange.equals(modified)) {
                    range = null; // the reader's copy is of another file: RFC 9110 says send it all
                }
                long from = range == null ? 0 : range.from();
                long length = range == null ? size : range.length();
                if (range != null) {
                    x.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (range.to() - 1) + "/" + size);
                }
                int status = range == null ? 200 : 206;
                if (method.equals("HEAD")) {
                    x.getResponseHeaders().set("Content-Length", Long.toString(length));
                    x.sendResponseHeaders(status, -1);
                    return;
                }
                x.sendResponseHeaders(status, length == 0 ? -1 : length);
                copy(ch, from, length, x.getResponseBody());
            }
        } catch (IOException e) {
            // the machine went away mid-transfer; its reader resumes with a range
            log.accept(x.getRemoteAddress().getAddress().getHostAddress() + " " + x.getRequestURI().getRawPath() + ": "
                    + e.getMessage());
        }
    }

    private void copy(FileChannel ch, long from, long length, OutputStream out) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long pos = from;
        long end = from + length;
        while (pos < end) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("the file became shorter while it was sent");
            }
            out.write(buf.array(), 0, n);
            pos += n;
            bytesSent.addAndGet(n);
        }
        out.flush();
    }

    private static void reply(HttpExchange x, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        x.sendResponseHeaders(status, x.getRequestMethod().equals("HEAD") ? -1 : body.length);
        if (!x.getRequestMethod().equals("HEAD")) {
            x.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
