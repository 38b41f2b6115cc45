package org.flar.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** The system tools the tests compare flar against: the reference is what coreutils and attr say. */
final class Commands {
    private Commands() {
    }

    /** Runs a command, fails the test unless it exits 0, returns its standard output. */
    static String run(String... command) {
        return new String(runBytes(command), StandardCharsets.UTF_8);
    }

    static byte[] runBytes(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            // Drain stderr concurrently so a chatty command cannot block on a full pipe.
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] out = p.getInputStream().readAllBytes();
            int exit = p.waitFor();
            assertThat(exit).as("%s failed: %s", String.join(" ", command),
                    new String(err.join(), StandardCharsets.UTF_8)).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code stat -c FORMAT} of the path itself (stat does not follow symlinks without -L). */
    static String stat(String format, Object path) {
        return run("stat", "-c", format, path.toString()).strip();
    }

    /** A time as {@code stat}'s {@code %.9Y} prints it (decimal seconds, exact) in nanoseconds. */
    static long nanos(String decimalSeconds) {
        return new BigDecimal(decimalSeconds).movePointRight(9).longValueExact();
    }

    static int umask() {
        return Integer.parseInt(run("sh", "-c", "umask").strip(), 8);
    }

    /**
     * Tests that need root are skipped elsewhere, but CI runs as root on purpose: there a missing
     * root is a broken setup, not a reason to skip.
     */
    static void assumeRoot() {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(Posix.isRoot()).as("CI=true: these tests must run as root").isTrue();
        }
        assumeTrue(Posix.isRoot(), "needs root");
    }
}
