package org.flar.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One file as an HTTP answer, GET or HEAD, with a single range and validators: what archives and
 * the rescue system's kernel and initramfs are served with, so a cut transfer resumes where it
 * stopped and a file replaced meanwhile is sent whole (If-Range), never spliced. The file is read
 * through its own channel from the page cache, 1 MiB at a time.
 */
final class FileResponse {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private FileResponse() {
    }

    /** Sends {@code file}; {@code sent} counts the body bytes. */
    static void send(HttpExchange x, Path file, AtomicLong sent) throws IOException {
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
                text(x, 416, e.getMessage());
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
            if (x.getRequestMethod().equals("HEAD")) {
                x.getResponseHeaders().set("Content-Length", Long.toString(length));
                x.sendResponseHeaders(status, -1);
                return;
            }
            x.sendResponseHeaders(status, length == 0 ? -1 : length);
            copy(ch, from, length, x.getResponseBody(), sent);
        }
    }

    private static void copy(FileChannel ch, long from, long length, OutputStream out, AtomicLong sent) throws IOException {
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
            sent.addAndGet(n);
        }
        out.flush();
    }

    /** A short text answer (an error, an iPXE script). */
    static void text(HttpExchange x, int status, String text) throws IOException {
        byte[] body = (text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        x.sendResponseHeaders(status, x.getRequestMethod().equals("HEAD") ? -1 : body.length);
        if (!x.getRequestMethod().equals("HEAD")) {
            x.getResponseBody().write(body);
        }
    }

    /** Refuses anything but GET and HEAD; true when refused. */
    static boolean refusedMethod(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return false;
        }
        x.getResponseHeaders().set("Allow", "GET, HEAD");
        text(x, 405, method + " is not served");
        return true;
    }
}
