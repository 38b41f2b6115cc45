package org.flar.location.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.flar.location.LocationSettings;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client for a location: the SDK's credential chain ($AWS_ACCESS_KEY_ID, ~/.aws, an
 * instance role ...), an S3-compatible store's endpoint (--s3-endpoint, else
 * $AWS_ENDPOINT_URL_S3 or $AWS_ENDPOINT_URL) with path-style addressing, which MinIO, Ceph RGW and
 * S3Proxy expect; checksums only where the API requires them, since SDK 2.30's default CRCs are
 * refused by many such stores (flar's own checksums cover the archive).
 */
final class S3Clients {
    private S3Clients() {
    }

    static S3Client client(LocationSettings settings, Map<String, String> env) {
        URI endpoint = endpoint(settings, env);
        var b = S3Client.builder()
                .region(region(settings, endpoint, env))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(settings.parallel() + 2)
                        .connectionTimeout(Duration.ofSeconds(30))
                        .socketTimeout(Duration.ofSeconds(60)));
        if (endpoint != null) {
            b.endpointOverride(endpoint).forcePathStyle(true);
        }
        return b.build();
    }

    /** --s3-endpoint, else $AWS_ENDPOINT_URL_S3 or $AWS_ENDPOINT_URL, else null (AWS). */
    static URI endpoint(LocationSettings settings, Map<String, String> env) {
        if (settings.s3Endpoint() != null) {
            return settings.s3Endpoint();
        }
        String e = env.getOrDefault("AWS_ENDPOINT_URL_S3", env.get("AWS_ENDPOINT_URL"));
        return e == null || e.isBlank() ? null : URI.create(e);
    }

    /** Without a region an S3-compatible store is signed for us-east-1, not looked up from EC2's metadata. */
    static Region region(LocationSettings settings, URI endpoint, Map<String, String> env) {
        String given = settings.s3Region() != null ? settings.s3Region() : env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
        if (given != null && !given.isBlank()) {
            return Region.of(given);
        }
        if (endpoint != null) {
            return Region.US_EAST_1;
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException e) {
            // No region configured: an S3-compatible store ignores it, AWS redirects by bucket.
            return Region.US_EAST_1;
        }
    }
}
