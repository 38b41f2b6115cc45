package org.flar.location;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.flar.progress.Progress;

/**
 * A remote object read in order while the next ranges are already being fetched, {@code parallel}
 * chunks at once (S3 serves one connection at a fraction of what a few give). Each chunk is one
 * {@link RangedStream} of its own range, so a cut connection resumes within the chunk. Memory is
 * bounded: {@code parallel} chunks of {@link #CHUNK}.
 */
public final class ParallelRanges extends InputStream {
    /** 16 MiB: S3's per-request latency is small against it, and four of them fit any heap. */
    public static final int CHUNK = 16 << 20;

    private final RangeSource source;
    private final String name;
    private final LocationSettings settings;
    private final Progress progress;
    private final long size;
    private final ExecutorService pool;
    private final ArrayDeque<CompletableFuture<byte[]>> ahead = new ArrayDeque<>();
    private long nextFetch;
    private byte[] chunk = new byte[0];
    private int offset;

    public ParallelRanges(RangeSource source, String name, LocationSettings settings, Progress progress) throws IOException {
        this.source = source;
        this.name = name;
        this.settings = settings;
        this.progress = progress;
        this.size = source.size();
        this.pool = Executors.newFixedThreadPool(settings.parallel(), Thread.ofPlatform().name("flar-fetch-", 0).daemon().factory());
        while (ahead.size() < settings.parallel() && nextFetch < size) {
            fetchNext();
        }
    }

    private void fetchNext() {
        long from = nextFetch;
        long to = Math.min(size, from + CHUNK);
        nextFetch = to;
        ahead.add(CompletableFuture.supplyAsync(() -> {
            try (InputStream in = new RangedStream(new Slice(from, to), name, settings, progress, 0)) {
                return in.readNBytes((int) (to - from));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, pool));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (offset == chunk.length) {
            if (ahead.isEmpty()) {
                return -1;
            }
            chunk = take(ahead.poll());
            offset = 0;
            if (nextFetch < size) {
                fetchNext();
            }
        }
        int n = Math.min(len, chunk.length - offset);
        System.arraycopy(chunk, offset, b, off, n);
        offset += n;
        return n;
    }

    private static byte[] take(CompletableFuture<byte[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException(e.getCause());
        }
    }

    @Override
    public void close() {
        ahead.forEach(f -> f.cancel(true));
        ahead.clear();
        pool.shutdownNow();
    }

    /** One chunk's range of the source, as a source of its own (its size is the chunk's). */
    private final class Slice implements RangeSource {
        private final long from;
        private final long to;

        Slice(long from, long to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public long size() {
            return to - from;
        }

        @Override
        public InputStream open(long start, long end) throws IOException {
            return source.open(from + start, from + end);
        }

        @Override
        public boolean isTransient(IOException e) {
            return source.isTransient(e);
        }
    }
}
