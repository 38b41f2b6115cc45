package org.flar.location.s3;

import java.io.IOException;
import java.io.InputStream;
import org.flar.location.Location;
import org.flar.location.LocationSettings;
import org.flar.location.ParallelRanges;
import org.flar.location.RangeSource;
import org.flar.location.RangedStream;
import org.flar.progress.Progress;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * An archive as an object in S3 or an S3-compatible store: read by parallel ranged GETs (each
 * pinned to the first answer's ETag), a sections-only read by small ranges, written by one
 * multipart upload with parallel parts that only a complete archive finishes.
 */
public final class S3Location implements Location, RangeSource {
    /** The first range of a sections-only read: identification and a small manifest fit. */
    private static final long FIRST_WINDOW = 256 << 10;

    private final String bucket;
    private final String key;
    private final LocationSettings settings;
    private final Progress progress;
    private S3Client client;
    private long size = -1;
    private String etag;

    private S3Location(String bucket, String key, LocationSettings settings, Progress progress) {
        this.bucket = bucket;
        this.key = key;
        this.settings = settings;
        this.progress = progress;
    }

    public static S3Location of(String name, LocationSettings settings, Progress progress) {
        String rest = name.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException(name + ": an S3 location is s3://BUCKET/KEY");
        }
        return new S3Location(rest.substring(0, slash), rest.substring(slash + 1), settings, progress);
    }

    private synchronized S3Client client() {
        if (client == null) {
            client = S3Clients.client(settings, System.getenv());
        }
        return client;
    }

    @Override
    public InputStream read() throws IOException {
        return closing(new ParallelRanges(this, toString(), settings, progress));
    }

    @Override
    public InputStream readSections() throws IOException {
        return closing(new RangedStream(this, toString(), settings, progress, FIRST_WINDOW));
    }

    /** The stream, closing the client (its connection pool) with it. */
    private InputStream closing(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    closeClient();
                }
            }
        };
    }

    private synchronized void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public void write(Body body, boolean sync) throws IOException {
        try (MultipartUpload upload = new MultipartUpload(client(), bucket, key, toString(), settings.parallel())) {
            body.write(upload, null);
            upload.complete();
        } finally {
            closeClient();
        }
    }

    @Override
    public synchronized long size() throws IOException {
        if (size < 0) {
            try {
                HeadObjectResponse h = client().headObject(r -> r.bucket(bucket).key(key));
                size = h.contentLength();
                etag = h.eTag();
            } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
                throw e.statusCode() == 404 ? missing(e) : S3Failure.of(toString(), e);
            } catch (SdkException e) {
                throw S3Failure.of(toString(), e);
            }
        }
        return size;
    }

    /** A HEAD's 404 has no body to say which: the bucket is asked. */
    private IOException missing(SdkException e) {
        try {
            client().headBucket(b -> b.bucket(bucket));
            return S3Failure.missing(this + ": no such key in bucket " + bucket, e);
        } catch (software.amazon.awssdk.services.s3.model.S3Exception b) {
            return b.statusCode() == 404 ? S3Failure.missing(this + ": no such bucket", e) : S3Failure.of(toString(), e);
        } catch (SdkException b) {
            return S3Failure.of(toString(), e);
        }
    }

    @Override
    public InputStream open(long from, long to) throws IOException {
        try {
            ResponseInputStream<GetObjectResponse> in = client().getObject(r -> {
                r.bucket(bucket).key(key).range("bytes=" + from + "-" + (to - 1));
                if (etag != null) {
                    r.ifMatch(etag);
                }
            });
            Long length = in.response().contentLength();
            if (length == null || length != to - from) {
                in.abort();
                throw new org.flar.format.CorruptArchiveException(this + ": the store answered " + length
                        + " bytes for bytes " + from + "-" + (to - 1));
            }
            return in;
        } catch (SdkException e) {
            throw S3Failure.of(toString(), e);
        }
    }

    @Override
    public boolean isTransient(IOException e) {
        if (e instanceof S3Failure f) {
            return f.isTransient();
        }
        return !(e instanceof org.flar.format.CorruptArchiveException);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
