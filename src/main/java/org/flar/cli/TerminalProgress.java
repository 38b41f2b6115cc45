package org.flar.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flar.format.Show;
import org.flar.progress.Progress;

/**
 * Progress on standard error. For people: one line, redrawn at most ten times a second, only when
 * standard error is a terminal (quiet when piped or in CI logs), with a percentage, the rate and
 * the time left once the phase's total is known; warnings always, the excluded paths with
 * --verbose. With --progress=json, for tools: one JSON object a line, whatever standard error is,
 * at most once a second and at the end of each phase.
 */
final class TerminalProgress implements Progress {
    /** How progress is shown (--progress). */
    enum Mode { AUTO, JSON, NONE }

    /** The first seconds' rate (the JVM warming up, the first directories' small files) says little of the rest. */
    private static final long SETTLED = 3_000_000_000L;

    private final PrintWriter err;
    private final boolean live;
    private final boolean json;
    private final boolean verbose;
    private String phase = "";
    private long total = -1;
    private long entries;
    private long bytes;
    private long started;
    private long lastDraw;
    private boolean drawn;

    TerminalProgress(PrintWriter err, boolean verbose, boolean quiet) {
        this(err, verbose, quiet ? Mode.NONE : Mode.AUTO);
    }

    TerminalProgress(PrintWriter err, boolean verbose, Mode mode) {
        this.err = err;
        this.verbose = verbose;
        this.json = mode == Mode.JSON;
        // Standard error itself: Console.isTerminal() is about standard input and output.
        this.live = mode == Mode.AUTO && org.flar.fs.Posix.isatty(2) && System.getenv("CI") == null;
    }

    @Override
    public synchronized void phase(String name, long totalBytes) {
        endPhase();
        phase = name;
        total = totalBytes;
        entries = 0;
        bytes = 0;
        started = System.nanoTime();
        lastDraw = started;
    }

    @Override
    public boolean showsTotals() {
        return live || json;
    }

    @Override
    public synchronized void total(String name, long totalBytes) {
        if (name.equals(phase)) {
            total = totalBytes;
        }
    }

    @Override
    public synchronized void entry(String path, long size) {
        entries++;
        bytes += size;
        long now = System.nanoTime();
        if (live && now - lastDraw > 100_000_000L) {
            lastDraw = now;
            err.print("\r\033[K" + line(phase, entries, bytes, total, now - started));
            err.flush();
            drawn = true;
        } else if (json && now - lastDraw > 1_000_000_000L) {
            lastDraw = now;
            emit("progress");
        }
    }

    /**
     * "create: 1200 entries, 1.2 GiB of 4.0 GiB  30%  85 MiB/s  2m10s left"; with no total known,
     * the entries, bytes and rate only. The percentage stays below 100 until the phase ends: a
     * counted total is of the moment it was counted.
     */
    static String line(String phase, long entries, long bytes, long total, long elapsedNanos) {
        StringBuilder b = new StringBuilder(phase).append(": ").append(entries).append(" entries, ").append(Sizes.human(bytes));
        if (total > 0) {
            b.append(" of ").append(Sizes.human(total)).append(String.format("  %2d%%", percent(bytes, total)));
        }
        long rate = rate(bytes, elapsedNanos);
        if (rate > 0) {
            b.append("  ").append(Sizes.human(rate)).append("/s");
            if (total > bytes && elapsedNanos >= SETTLED) {
                b.append("  ").append(duration((total - bytes) / rate)).append(" left");
            }
        }
        return b.toString();
    }

    static int percent(long bytes, long total) {
        return (int) Math.min(99, bytes * 100 / total);
    }

    /** Bytes a second, or 0 before a second's worth of time has passed (too early to tell). */
    static long rate(long bytes, long elapsedNanos) {
        return elapsedNanos < 1_000_000_000L ? 0 : (long) (bytes / (elapsedNanos / 1e9));
    }

    /** 45s, 2m10s, 3h05m. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
        }
        return seconds / 3600 + "h" + String.format("%02d", seconds % 3600 / 60) + "m";
    }

    private void emit(String event) {
        long elapsed = System.nanoTime() - started;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("event", event);
        o.put("phase", phase);
        o.put("entries", entries);
        o.put("bytes", bytes);
        o.put("totalBytes", total > 0 ? total : null);
        o.put("percent", total > 0 ? (event.equals("done") ? 100 : percent(bytes, total)) : null);
        long rate = rate(bytes, elapsed);
        o.put("bytesPerSecond", rate > 0 ? rate : null);
        o.put("secondsLeft", rate > 0 && total > bytes && elapsed >= SETTLED && !event.equals("done")
                ? (total - bytes) / rate : null);
        o.put("elapsedSeconds", elapsed / 1_000_000_000L);
        line(o);
    }

    private void line(Map<String, Object> o) {
        try {
            err.println(Json.line(o));
            err.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void warning(String message) {
        clear();
        if (json) {
            line(Map.of("event", "warning", "message", message));
        } else {
            err.println("flar: warning: " + Show.text(message));
        }
    }

    @Override
    public synchronized void output(String source, String line) {
        clear();
        err.println("flar: " + Show.text(source) + ": " + Show.text(line));
    }

    @Override
    public synchronized void excluded(String path, String reason) {
        if (verbose) {
            clear();
            err.println("flar: left out " + Show.text(path) + ": " + Show.text(reason));
        }
    }

    synchronized void done() {
        endPhase();
        phase = "";
        clear();
    }

    private void endPhase() {
        if (json && !phase.isEmpty()) {
            emit("done");
        }
    }

    private void clear() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }
}
