package org.flar.location;

import java.io.IOException;
import java.io.InputStream;
import org.flar.progress.Progress;

/**
 * A remote object read in order, from ranges of a {@link RangeSource}. When a connection breaks
 * the next range starts at the first byte not yet handed to the reader: a byte is never read
 * twice or skipped, and everything the reader took is covered by the archive's own checksums
 * (the manifest's SHA-256 per entry, archive_id over the payload), so a server that sends other
 * bytes on resume is caught there. Failures without progress are retried {@code retries} times
 * with a doubling pause; a range that brings bytes resets the count (Solaris' http timeout:
 * a slow, flaky link finishes, a dead one does not hang).
 *
 * <p>With a window, each range asks for at most that many bytes, doubling up to 4 MiB: a reader
 * that stops after the text sections leaves the payload on the server.
 */
public final class RangedStream extends InputStream {
    private static final long MAX_WINDOW = 4L << 20;
    private static final long MAX_PAUSE_MS = 30_000;

    private final RangeSource source;
    private final String name;
    private final LocationSettings settings;
    private final Progress progress;
    private final long size;
    private long window;
    private long position;
    private InputStream current;
    private long currentEnd;

    /** @param window the first range's size for a sections-only read, or 0 for one open-ended range */
    public RangedStream(RangeSource source, String name, LocationSettings settings, Progress progress, long window) throws IOException {
        this.source = source;
        this.name = name;
        this.settings = settings;
        this.progress = progress;
        this.window = window;
        this.size = retried(source::size);
    }

    /** The first request (the size), retried like the rest: a server still starting is waited for. */
    private long retried(Sized call) throws IOException {
        for (int failures = 0; ; ) {
            try {
                return call.get();
            } catch (IOException e) {
                if (!source.isTransient(e) || failures++ >= settings.retries()) {
                    throw failures > 1 ? new TransferException(name + ": gave up after " + settings.retries()
                            + " retries: " + reason(e), e) : e;
                }
                pauseBefore(failures, e);
            }
        }
    }

    private interface Sized {
        long get() throws IOException;
    }

    public long size() {
        return size;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int failures = 0;
        while (position < size) {
            try {
                if (current == null) {
                    openNext();
                }
                int n = current.read(b, off, (int) Math.min(len, currentEnd - position));
                if (n < 0) {
                    throw new IOException("connection closed at byte " + position + " of " + size);
                }
                position += n;
                if (position == currentEnd) {
                    closeCurrent();
                }
                return n;
            } catch (IOException e) {
                closeCurrent();
                if (!source.isTransient(e)) {
                    throw e;
                }
                if (failures++ >= settings.retries()) {
                    throw new TransferException(name + ": gave up after " + settings.retries() + " retries with "
                            + position + " of " + size + " bytes read: " + reason(e), e);
                }
                pauseBefore(failures, e);
            }
        }
        return -1;
    }

    private void pauseBefore(int retry, IOException e) throws IOException {
        long pause = Math.min(MAX_PAUSE_MS, settings.backoff().toMillis() << Math.min(20, retry - 1));
        progress.warning(name + ": " + reason(e) + "; retrying at byte " + position + " in "
                + pause + " ms (" + retry + " of " + settings.retries() + ")");
        pause(pause);
    }

    private void openNext() throws IOException {
        long end = window == 0 ? size : Math.min(size, position + window);
        current = source.open(position, end);
        currentEnd = end;
        if (window != 0) {
            window = Math.min(MAX_WINDOW, window * 2);
        }
    }

    /** The failure without the name the source may have put first; a bare "closed" said as what it is. */
    private String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.startsWith(name + ": ")) {
            return m.substring(name.length() + 2);
        }
        return "connection lost (" + m + ")";
    }

    private static void pause(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to retry");
        }
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // the range is abandoned either way
            }
            current = null;
        }
    }

    @Override
    public void close() {
        closeCurrent();
        position = size;
    }
}
