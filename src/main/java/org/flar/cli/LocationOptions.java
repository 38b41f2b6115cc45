package org.flar.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.flar.location.Location;
import org.flar.location.LocationSettings;
import org.flar.location.Locations;
import org.flar.progress.Progress;
import picocli.CommandLine.Option;

/** How archives at http(s):// and s3:// locations are reached (docs/locations.md): every command that reads or writes one. */
final class LocationOptions {
    @Option(names = "--ca-file", paramLabel = "PEM", description = "https: trust only the CA certificates in this PEM file "
            + "(default: the system's CA store).")
    Path caFile;

    @Option(names = "--credentials", paramLabel = "FILE", description = "http(s): a file (mode 600) of user= and password= "
            + "lines, or token= for a bearer token. Default: $FLAR_HTTP_USER and $FLAR_HTTP_PASSWORD, or $FLAR_HTTP_TOKEN. "
            + "Never on the command line. S3 uses the AWS SDK's chain ($AWS_ACCESS_KEY_ID ..., ~/.aws/credentials, a role).")
    Path credentials;

    @Option(names = "--proxy", paramLabel = "URL", description = "http(s): the HTTP proxy (default: $https_proxy / $http_proxy, "
            + "minus $no_proxy).")
    URI proxy;

    @Option(names = "--retries", paramLabel = "N", description = "Remote reads: retries of a cut or refused connection that "
            + "brought no bytes, resumed at the first byte not yet read (default: ${DEFAULT-VALUE}).")
    int retries = LocationSettings.RETRIES;

    @Option(names = "--retry-pause", paramLabel = "SECONDS", description = "The first pause before a retry, doubled for each "
            + "next one up to 30 s (default: ${DEFAULT-VALUE}).")
    double retryPause = LocationSettings.BACKOFF.toMillis() / 1000.0;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "s3://: an S3-compatible store (MinIO, Ceph RGW, ...), "
            + "addressed path-style (default: $AWS_ENDPOINT_URL_S3 or $AWS_ENDPOINT_URL, else AWS).")
    URI s3Endpoint;

    @Option(names = "--s3-region", paramLabel = "REGION", description = "s3://: the region (default: the SDK's chain, else us-east-1).")
    String s3Region;

    @Option(names = "--transfers", paramLabel = "N", description = "s3://: parts uploaded and ranges downloaded at once, 16 MiB "
            + "each (default: ${DEFAULT-VALUE}).")
    int transfers = LocationSettings.PARALLEL;

    LocationSettings settings() {
        if (retryPause < 0 || retryPause > 3600) {
            throw new IllegalArgumentException("--retry-pause must be between 0 and 3600 seconds");
        }
        return new LocationSettings(caFile, credentials, proxy, retries, Duration.ofMillis(Math.round(retryPause * 1000)),
                s3Endpoint, s3Region, transfers);
    }

    Location of(String name, Progress progress) {
        return Locations.of(name, settings(), progress);
    }
}
