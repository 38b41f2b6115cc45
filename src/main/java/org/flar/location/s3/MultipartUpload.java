package org.flar.location.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * An S3 object written as a stream: parts of {@link #PART} uploaded {@code parallel} at a time
 * while the next is filled, completed by {@link #complete} only; closed without it, the upload
 * is aborted and nothing appears under the key. An archive smaller than one part is one PUT.
 * Memory: {@code parallel + 1} parts.
 */
final class MultipartUpload extends OutputStream {
    /** 16 MiB: S3 wants at least 5 MiB a part; 16 MiB parts make 160 GB in the first 10,000. */
    static final int PART = 16 << 20;
    /** After this many parts, parts of 4 × PART: S3's 10,000-part limit then allows 600 GB. */
    private static final int GROW_AFTER = 1000;

    private final S3Client client;
    private final String bucket;
    private final String key;
    private final String name;
    private final ExecutorService pool;
    private final Semaphore slots;
    private final List<Future<CompletedPart>> parts = new ArrayList<>();
    private String uploadId;
    private byte[] buffer = new byte[PART];
    private int filled;
    private boolean completed;

    MultipartUpload(S3Client client, String bucket, String key, String name, int parallel) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.name = name;
        this.pool = Executors.newFixedThreadPool(parallel, Thread.ofPlatform().name("flar-upload-", 0).daemon().factory());
        this.slots = new Semaphore(parallel);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == buffer.length) {
                sendPart();
            }
        }
    }

    private void sendPart() throws IOException {
        try {
            if (uploadId == null) {
                uploadId = client.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
            }
            slots.acquire();
            failFast();
        } catch (SdkException e) {
            throw S3Failure.of(name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading");
        }
        int number = parts.size() + 1;
        byte[] part = buffer;
        int length = filled;
        parts.add(pool.submit(() -> {
            try {
                String etag = client.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                        .contentLength((long) length), RequestBody.fromBytes(java.util.Arrays.copyOf(part, length))).eTag();
                return CompletedPart.builder().partNumber(number).eTag(etag).build();
            } finally {
                slots.release();
            }
        }));
        buffer = new byte[parts.size() >= GROW_AFTER ? 4 * PART : PART];
        filled = 0;
    }

    /** A part that failed stops the capture now, not after the whole archive was made. */
    private void failFast() throws IOException, InterruptedException {
        for (Future<CompletedPart> f : parts) {
            if (f.isDone()) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof SdkException s ? S3Failure.of(name, s) : new IOException(name + ": " + e.getCause(), e.getCause());
                }
            }
        }
    }

    /** Sends what is left and completes the object: only now does it appear under its key. */
    void complete() throws IOException {
        try {
            if (uploadId == null) {
                client.putObject(r -> r.bucket(bucket).key(key).contentLength((long) filled),
                        RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, filled)));
            } else {
                if (filled > 0) {
                    sendPart();
                }
                List<CompletedPart> done = new ArrayList<>();
                for (Future<CompletedPart> f : parts) {
                    done.add(f.get());
                }
                client.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(done)));
            }
            completed = true;
        } catch (SdkException e) {
            throw S3Failure.of(name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SdkException s ? S3Failure.of(name, s) : new IOException(name + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        if (!completed && uploadId != null) {
            try {
                client.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException e) {
                // The store's lifecycle rules remove it; the key itself was never written.
            }
        }
        buffer = null;
    }
}
