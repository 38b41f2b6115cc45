package org.flar.location.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body closed when no byte arrived for {@link #STALL_SECONDS}: the JDK's HttpClient
 * has no read timeout for a body, so a server or link that goes silent would hang the read
 * forever. Closing it ends the blocked read, and the ranged stream resumes like after a cut.
 */
final class StallGuard extends FilterInputStream {
    static final int STALL_SECONDS = 60;
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("flar-http-stall").daemon().factory());

    private volatile long lastByte = System.nanoTime();
    private final ScheduledFuture<?> check;

    StallGuard(InputStream body) {
        super(body);
        this.check = WATCH.scheduleWithFixedDelay(this::closeIfStalled, 5, 5, TimeUnit.SECONDS);
    }

    private void closeIfStalled() {
        if (System.nanoTime() - lastByte > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
            try {
                close();
            } catch (IOException e) {
                // closed either way
            }
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        lastByte = System.nanoTime();
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        lastByte = System.nanoTime();
        return n;
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }
}
