package org.flar.location;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How remote locations are reached (docs/locations.md). Every field may be null or zero for the
 * default. Credentials are not here: they come from the environment or a file named here, never
 * from the command line.
 *
 * @param caFile      PEM certificates trusted for https instead of the system's CA store
 * @param credentials a file with the HTTP user and password, or a bearer token
 * @param proxy       an HTTP proxy for http(s) (default: $https_proxy / $http_proxy)
 * @param retries     how many times a cut or refused connection is retried without progress
 * @param backoff     the first pause before a retry, doubled each time up to 30 s
 * @param s3Endpoint  an S3-compatible store's endpoint (default: AWS, or $AWS_ENDPOINT_URL)
 * @param s3Region    the region to sign for (default: the SDK's chain, else us-east-1)
 * @param parallel    S3 parts uploaded and ranges downloaded at once
 */
public record LocationSettings(Path caFile, Path credentials, URI proxy, int retries, Duration backoff,
                               URI s3Endpoint, String s3Region, int parallel) {

    public static final int RETRIES = 5;
    public static final Duration BACKOFF = Duration.ofSeconds(1);
    /** Four parts of 16 MiB in flight: enough to fill a gigabit link to a store, 64 MiB of memory. */
    public static final int PARALLEL = 4;

    public static final LocationSettings DEFAULT = new LocationSettings(null, null, null, RETRIES, BACKOFF, null, null, PARALLEL);

    public LocationSettings {
        if (retries < 0) {
            throw new IllegalArgumentException("--retries must be 0 or more, not " + retries);
        }
        if (parallel < 1 || parallel > 64) {
            throw new IllegalArgumentException("--parallel must be between 1 and 64, not " + parallel);
        }
        backoff = backoff == null ? BACKOFF : backoff;
    }
}
