package org.flar.location.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.flar.format.CorruptArchiveException;
import org.flar.location.Location;
import org.flar.location.LocationSettings;
import org.flar.location.RangeSource;
import org.flar.location.RangedStream;
import org.flar.progress.Progress;

/**
 * An archive on a web server, read with range requests through the JDK's HttpClient: resumed
 * after a cut connection ({@link RangedStream}), a sections-only read fetched in small ranges.
 * A resumed range carries If-Range with the first answer's validator, so an archive replaced on
 * the server mid-read is refused rather than spliced. Read-only.
 */
public final class HttpLocation implements Location, RangeSource {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
    /** The first range of a sections-only read: identification and a small manifest fit. */
    private static final long FIRST_WINDOW = 256 << 10;

    private final URI url;
    private final LocationSettings settings;
    private final Progress progress;
    private HttpClient client;
    private HttpCredentials credentials;
    private long size = -1;
    private String validator;

    public HttpLocation(URI url, LocationSettings settings, Progress progress) {
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(url.getScheme() + "://" + url.getHost() + "/...: credentials in the URL would show in "
                    + "process listings; give them in $FLAR_HTTP_USER/$FLAR_HTTP_PASSWORD, $FLAR_HTTP_TOKEN or --credentials FILE");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException(url + ": no host in the URL");
        }
        this.url = url;
        this.settings = settings;
        this.progress = progress;
    }

    @Override
    public InputStream read() throws IOException {
        return new RangedStream(this, toString(), settings, progress, 0);
    }

    @Override
    public InputStream readSections() throws IOException {
        return new RangedStream(this, toString(), settings, progress, FIRST_WINDOW);
    }

    @Override
    public void write(Body body, boolean sync) {
        throw new IllegalArgumentException(this + ": http(s) locations are read-only; write to a file, - or s3://bucket/key");
    }

    private synchronized HttpClient client() throws IOException {
        if (client == null) {
            credentials = HttpCredentials.from(settings.credentials(), System.getenv());
            HttpClient.Builder b = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30))
                    // Never from https to http: that would send the archive (and credentials) in clear.
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .sslContext(TlsTrust.context(settings.caFile()));
            Optional.ofNullable(ProxyChoice.of(url, settings.proxy(), System.getenv())).ifPresent(b::proxy);
            client = b.build();
        }
        return client;
    }

    @Override
    public synchronized long size() throws IOException {
        if (size < 0) {
            HttpResponse<InputStream> r = send(0, 1, null);
            try (InputStream body = r.body()) {
                if (r.statusCode() == 206) {
                    // To its end (one byte), so the connection is kept for the next range.
                    body.skip(Long.MAX_VALUE);
                }
            }
            Matcher m = r.statusCode() == 206 ? contentRange(r) : null;
            size = m != null ? Long.parseLong(m.group(3)) : r.headers().firstValueAsLong("content-length").orElse(-1);
            if (size < 0) {
                throw new IOException(this + ": the server gave no size (no Content-Range, no Content-Length)");
            }
            if (r.statusCode() == 200) {
                progress.warning(this + ": the server does not answer range requests: a cut connection cannot be resumed");
            }
            validator = validatorOf(r);
        }
        return size;
    }

    @Override
    public InputStream open(long from, long to) throws IOException {
        HttpResponse<InputStream> r = send(from, to, validator);
        if (r.statusCode() == 206) {
            Matcher m = contentRange(r);
            if (m == null || Long.parseLong(m.group(1)) != from || Long.parseLong(m.group(2)) != to - 1
                    || Long.parseLong(m.group(3)) != size) {
                r.body().close();
                throw new CorruptArchiveException(this + ": the server answered bytes " + r.headers().firstValue("content-range")
                        .orElse("(no Content-Range)") + " for bytes " + from + "-" + (to - 1) + "/" + size);
            }
            return new StallGuard(r.body());
        }
        // 200: the whole object, from a server without ranges, or because If-Range no longer matched.
        boolean same = validator == null || validator.equals(validatorOf(r));
        if (from == 0 && to == size && same && r.headers().firstValueAsLong("content-length").orElse(size) == size) {
            return new StallGuard(r.body());
        }
        r.body().close();
        throw new CorruptArchiveException(this + ": " + (!same
                ? "the archive changed on the server while it was read (its ETag or Last-Modified differs); read it again"
                : "the server cannot resume at byte " + from + " (it does not answer range requests)"));
    }

    /** A strong ETag, else Last-Modified: what If-Range compares. */
    private static String validatorOf(HttpResponse<?> r) {
        return r.headers().firstValue("etag").filter(e -> !e.startsWith("W/"))
                .or(() -> r.headers().firstValue("last-modified")).orElse(null);
    }

    private HttpResponse<InputStream> send(long from, long to, String ifRange) throws IOException {
        HttpRequest.Builder req = HttpRequest.newBuilder(url).GET().timeout(Duration.ofSeconds(60))
                .header("Range", "bytes=" + from + "-" + (to - 1));
        HttpClient c = client();
        if (credentials.header() != null) {
            req.header("Authorization", credentials.header());
        }
        if (ifRange != null) {
            req.header("If-Range", ifRange);
        }
        HttpResponse<InputStream> r;
        try {
            r = c.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(this + ": interrupted");
        } catch (ConnectException e) {
            throw new ConnectException(this + ": cannot connect: " + (e.getMessage() == null ? "connection refused" : e.getMessage()));
        } catch (SSLException e) {
            throw new SSLException(this + ": TLS failed (" + e.getMessage() + "); for a site's own CA give --ca-file", e);
        }
        int s = r.statusCode();
        if (s == 200 || s == 206) {
            return r;
        }
        r.body().close();
        throw new HttpStatusException(this + ": " + s + " " + reason(s), s);
    }

    private static Matcher contentRange(HttpResponse<?> r) {
        Matcher m = CONTENT_RANGE.matcher(r.headers().firstValue("content-range").orElse(""));
        return m.matches() ? m : null;
    }

    private String reason(int status) {
        return switch (status) {
            case 401 -> "Unauthorized: wrong or missing credentials (" + credentials + ")";
            case 403 -> "Forbidden (credentials: " + credentials + ")";
            case 404 -> "Not Found: no such archive on the server";
            case 407 -> "Proxy Authentication Required (not supported)";
            case 416 -> "Range Not Satisfiable: the archive is shorter than it was";
            default -> s5xx(status);
        };
    }

    private static String s5xx(int status) {
        return status >= 500 ? "server error" : "unexpected answer";
    }

    @Override
    public boolean isTransient(IOException e) {
        if (e instanceof HttpStatusException h) {
            return h.isTransient();
        }
        return !(e instanceof SSLException || e instanceof CorruptArchiveException || e instanceof java.io.InterruptedIOException
                && !(e instanceof java.net.http.HttpTimeoutException));
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
