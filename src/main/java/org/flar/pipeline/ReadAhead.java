package org.flar.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream on its own thread, a few chunks ahead of the consumer: decompression and the
 * payload's checksum then run beside the parsing and checking of entries instead of before it.
 * A failure of the source is rethrown, unchanged, by the consumer's next read.
 *
 * <p>The source is read straight into whole chunks that the consumer hands back once it has
 * copied them out: {@code InputStream.readNBytes(int)} reads in 16 KiB pieces and copies them
 * into a new array, and that second copy, the zeroing of a fresh megabyte per chunk and the
 * collections it caused were ~10 % of a deployment's user time (perf, bench/run's mixed tree).
 */
public final class ReadAhead extends BulkInputStream {
    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS = 8;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(CHUNKS);
    /** Chunks the consumer is done with; the pump allocates only when none is waiting here. */
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS + 2);
    private final Thread reader;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    public ReadAhead(InputStream source, String name) {
        this.reader = Thread.ofPlatform().name(name).daemon().start(() -> pump(source));
    }

    private void pump(InputStream source) {
        try {
            while (true) {
                byte[] buf = free.poll();
                int n = source.readNBytes(buf != null ? buf : (buf = new byte[CHUNK]), 0, CHUNK);
                if (n == 0) {
                    chunks.put(END);
                    return;
                }
                chunks.put(n == CHUNK ? buf : Arrays.copyOf(buf, n));
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            try {
                chunks.put(e);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }
    }


    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (position == current.length) {
            if (ended) {
                return -1;
            }
            next();
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    private void next() throws IOException {
        Object item;
        try {
            item = chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("reading interrupted", e);
        }
        switch (item) {
            case IOException e -> {
                ended = true;
                throw e;
            }
            case RuntimeException e -> {
                ended = true;
                throw e;
            }
            case byte[] chunk when chunk == END -> ended = true;
            case byte[] chunk -> {
                if (current.length == CHUNK) {
                    free.offer(current);
                }
                current = chunk;
                position = 0;
            }
            default -> throw new IllegalStateException("unexpected " + item);
        }
    }

    /** Stops the reading thread; the source is not closed here (its owner closes it). */
    @Override
    public void close() {
        reader.interrupt();
    }
}
