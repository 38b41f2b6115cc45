package org.flar.install;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A machine's side of the install protocol (docs/install-server.md): its hello, answered with an
 * {@link Answer}, and its reports. Plain JSON over the JDK's HTTP client.
 */
public final class InstallClient {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** An answer is a few kilobytes (a sysidcfg, a chain of URLs); more is not a flar server. */
    private static final int ANSWER_LIMIT = 1 << 20;

    private final URI server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param server the flar serve URL, e.g. {@code http://10.0.2.2:8080/} */
    public InstallClient(URI server) {
        this.server = server.toString().endsWith("/") ? server : URI.create(server + "/");
    }

    public URI server() {
        return server;
    }

    public Answer hello(Machine me) throws IOException {
        byte[] body = post("install/hello", me);
        Answer a;
        try {
            a = JSON.readValue(body, Answer.class);
        } catch (IOException e) {
            throw new IOException(server + ": not a flar install server's answer: " + e.getMessage(), e);
        }
        if ((a.assignment() == null) == (a.waiting() == null)) {
            throw new IOException(server + ": an answer with " + (a.waiting() == null ? "neither" : "both")
                    + " an assignment and a reason to wait");
        }
        return a;
    }

    public void report(Report r) throws IOException {
        post("install/report", r);
    }

    private byte[] post(String path, Object value) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(value))).build();
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(server + ": interrupted");
        } catch (IOException e) {
            throw new IOException(server.resolve(path) + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        byte[] body;
        try (var in = response.body()) {
            body = in.readNBytes(ANSWER_LIMIT + 1);
        }
        if (body.length > ANSWER_LIMIT) {
            throw new IOException(server.resolve(path) + ": an answer of more than " + ANSWER_LIMIT + " bytes");
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
            throw new IOException(server.resolve(path) + ": HTTP " + status + (text.isEmpty() ? "" : ": "
                    + org.flar.format.Show.line(text.lines().findFirst().orElse(""))));
        }
        return body;
    }
}
