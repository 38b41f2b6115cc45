package org.flar.fs;

import org.flar.testing.Tools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** The system tools the tests compare flar against: the reference is what coreutils and attr say. */
public final class Commands {
    private Commands() {
    }

    /** Runs a command, fails the test unless it exits 0, returns its standard output. */
    public static String run(String... command) {
        return Tools.run(null, command);
    }

    /** {@code stat -c FORMAT} of the path itself (stat does not follow symlinks without -L). */
    public static String stat(String format, Object path) {
        return run("stat", "-c", format, path.toString()).strip();
    }

    /** A time as {@code stat}'s {@code %.9Y} prints it (decimal seconds, exact) in nanoseconds. */
    public static long nanos(String decimalSeconds) {
        return new BigDecimal(decimalSeconds).movePointRight(9).longValueExact();
    }

    public static int umask() {
        return Integer.parseInt(run("sh", "-c", "umask").strip(), 8);
    }

    /**
     * Tests that need root are skipped elsewhere, but CI runs as root on purpose: there a missing
     * root is a broken setup, not a reason to skip.
     */
    public static void assumeRoot() {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(Posix.isRoot()).as("CI=true: these tests must run as root").isTrue();
        }
        assumeTrue(Posix.isRoot(), "needs root");
    }
}
