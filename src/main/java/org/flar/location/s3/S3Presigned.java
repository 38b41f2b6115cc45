package org.flar.location.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.flar.location.LocationSettings;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Time-limited GET URLs for the objects under one S3 prefix (SigV4 query signing), so that the
 * install server can send machines to the store instead of relaying every byte: thirty machines
 * then read from a store that scales by itself, with the server's credentials never leaving it.
 * Only the host is signed, so a machine's Range and If-Range headers go with the URL.
 */
public final class S3Presigned implements AutoCloseable {
    private final String bucket;
    private final String prefix;
    private final Duration ttl;
    private final S3Presigner presigner;

    /** @param prefix {@code s3://BUCKET/} or {@code s3://BUCKET/DIR/} */
    public S3Presigned(String prefix, LocationSettings settings, Duration ttl) {
        String rest = prefix.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (!prefix.startsWith("s3://") || slash <= 0 || !prefix.endsWith("/")) {
            throw new IllegalArgumentException(prefix + ": an S3 prefix is s3://BUCKET/ or s3://BUCKET/DIR/");
        }
        this.bucket = rest.substring(0, slash);
        this.prefix = rest.substring(slash + 1);
        this.ttl = ttl;
        Map<String, String> env = System.getenv();
        URI endpoint = S3Clients.endpoint(settings, env);
        var b = S3Presigner.builder().region(S3Clients.region(settings, endpoint, env))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(endpoint != null).build());
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        this.presigner = b.build();
    }

    /** Where {@code name} under the prefix can be read for the next {@code ttl}. */
    public URI get(String name) {
        return URI.create(presigner.presignGetObject(r -> r.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(prefix + name))).url().toString());
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public void close() {
        presigner.close();
    }
}
