package org.flar.location.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Authorization header for http(s) locations, from the environment ($FLAR_HTTP_TOKEN for a
 * bearer token, or $FLAR_HTTP_USER and $FLAR_HTTP_PASSWORD for basic) or from a file of
 * {@code token=}, {@code user=} and {@code password=} lines that only its owner may read —
 * never from the command line, where every user's {@code ps} would show it. The value is never
 * printed: {@link #toString} names only the kind.
 */
final class HttpCredentials {
    static final HttpCredentials NONE = new HttpCredentials(null, "none");

    private final String header;
    private final String kind;

    private HttpCredentials(String header, String kind) {
        this.header = header;
        this.kind = kind;
    }

    static HttpCredentials from(Path file, Map<String, String> env) throws IOException {
        Map<String, String> values = file != null ? readFile(file) : Map.of(
                "token", env.getOrDefault("FLAR_HTTP_TOKEN", ""),
                "user", env.getOrDefault("FLAR_HTTP_USER", ""),
                "password", env.getOrDefault("FLAR_HTTP_PASSWORD", ""));
        String where = file != null ? file.toString() : "$FLAR_HTTP_*";
        String token = values.getOrDefault("token", "");
        String user = values.getOrDefault("user", "");
        if (!token.isEmpty()) {
            if (!user.isEmpty()) {
                throw new IllegalArgumentException(where + ": a token and a user both given; keep one");
            }
            return new HttpCredentials("Bearer " + token, "bearer token from " + where);
        }
        if (user.isEmpty()) {
            if (file != null) {
                throw new IllegalArgumentException(file + ": neither token= nor user= in it");
            }
            return NONE;
        }
        String basic = user + ":" + values.getOrDefault("password", "");
        return new HttpCredentials("Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)),
                "user " + user + " from " + where);
    }

    private static Map<String, String> readFile(Path file) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
            throw new IllegalArgumentException(file + ": readable by others; chmod 600 it (it holds credentials)");
        }
        Map<String, String> values = new HashMap<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            String key = eq < 0 ? "" : l.substring(0, eq).strip();
            if (!Set.of("token", "user", "password").contains(key)) {
                throw new IllegalArgumentException(file + ":" + n + ": expected token=, user= or password=");
            }
            values.put(key, l.substring(eq + 1).strip());
        }
        return values;
    }

    /** The header's value, or null for none. */
    String header() {
        return header;
    }

    @Override
    public String toString() {
        return kind;
    }
}
