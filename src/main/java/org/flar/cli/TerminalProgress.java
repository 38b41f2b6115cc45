package org.flar.cli;

import java.io.PrintWriter;
import org.flar.format.Show;
import org.flar.progress.Progress;

/**
 * Progress for people: one line on standard error, redrawn at most ten times a second, only
 * when standard error is a terminal (quiet when piped or in CI logs); warnings always, and the
 * excluded paths with --verbose.
 */
final class TerminalProgress implements Progress {
    private final PrintWriter err;
    private final boolean live;
    private final boolean verbose;
    private String phase = "";
    private long total = -1;
    private long entries;
    private long bytes;
    private long lastDraw;
    private long started = System.nanoTime();
    private boolean drawn;

    TerminalProgress(PrintWriter err, boolean verbose, boolean quiet) {
        this.err = err;
        this.verbose = verbose;
        // Standard error itself: Console.isTerminal() is about standard input and output.
        this.live = !quiet && org.flar.fs.Posix.isatty(2) && System.getenv("CI") == null;
    }

    @Override
    public synchronized void phase(String name, long totalBytes) {
        phase = name;
        total = totalBytes;
        entries = 0;
        bytes = 0;
        started = System.nanoTime();
    }

    @Override
    public synchronized void entry(String path, long size) {
        entries++;
        bytes += size;
        if (live) {
            long now = System.nanoTime();
            if (now - lastDraw > 100_000_000L) {
                lastDraw = now;
                draw();
            }
        }
    }

    private void draw() {
        String pct = total > 0 ? String.format(" %3d%%", Math.min(100, bytes * 100 / total)) : "";
        long elapsed = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        err.print("\r\033[K" + phase + ": " + entries + " entries, " + Sizes.human(bytes)
                + (total > 0 ? " of " + Sizes.human(total) : "") + pct + ", " + Sizes.human(bytes * 1000 / elapsed) + "/s");
        err.flush();
        drawn = true;
    }

    @Override
    public synchronized void warning(String message) {
        clear();
        err.println("flar: warning: " + Show.text(message));
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
        clear();
    }

    private void clear() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }
}
