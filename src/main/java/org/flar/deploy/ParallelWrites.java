package org.flar.deploy;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.flar.pipeline.Await;

/**
 * Runs the file-system work of already verified small entries (create, write, chown, xattrs,
 * chmod, times, rename) on a few threads while the reading thread decompresses and checks the
 * next ones: on many small files a deployment waits on system calls, not on the CPU. Bounded,
 * so memory holds at most {@link #MAX_IN_FLIGHT} small files. The first failure stops it.
 */
final class ParallelWrites implements AutoCloseable {
    /** Two writers: measured on a 2-core machine, more only added contention (bench/run). */
    static final int THREADS = 2;
    static final int MAX_IN_FLIGHT = 1024;
    /**
     * Bytes of content waiting for a writer: what bounds a deployment's memory. 32 MiB fits the
     * launcher's survivor spaces; with 64 the writers, slowed by the kernel, let it fill the old
     * generation (peak RSS 307-325 MB against 209-217, the same time; docs/performance.md).
     */
    static final int MAX_BYTES_IN_FLIGHT = 32 << 20;

    interface Work {
        void run() throws IOException;
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "flar-write");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Future<?>> inFlight = new ArrayDeque<>();
    private final Semaphore bytesInFlight = new Semaphore(MAX_BYTES_IN_FLIGHT);

    void submit(Work work) throws IOException {
        submit(work, 0);
    }

    /** @param bytes content the work holds until it is done (at most {@link #MAX_BYTES_IN_FLIGHT}) */
    void submit(Work work, int bytes) throws IOException {
        bytesInFlight.acquireUninterruptibly(bytes);
        while (inFlight.size() >= MAX_IN_FLIGHT) {
            await(inFlight.removeFirst());
        }
        while (!inFlight.isEmpty() && inFlight.peekFirst().isDone()) {
            await(inFlight.removeFirst());
        }
        inFlight.addLast(pool.submit(() -> {
            try {
                work.run();
            } finally {
                bytesInFlight.release(bytes);
            }
            return null;
        }));
    }

    /** Waits for everything submitted: before a hardlink to a file still being written, and at the end. */
    void drain() throws IOException {
        IOException first = null;
        while (!inFlight.isEmpty()) {
            try {
                await(inFlight.removeFirst());
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void await(Future<?> f) throws IOException {
        Await.result(f, "deployment");
    }

    @Override
    public void close() {
        try {
            drain();
        } catch (IOException ignored) {
            // close after a failure: the failure is already on its way up
        }
        pool.shutdownNow();
    }
}
