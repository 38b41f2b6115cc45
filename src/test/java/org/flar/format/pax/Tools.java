package org.flar.format.pax;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real tools (tar, bsdtar, getfattr, ...) the interop tests compare against. */
final class Tools {
    private Tools() {
    }

    static boolean available(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    static boolean isRoot() {
        try {
            return run(null, "id", "-u").strip().equals("0");
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs the command, fails the test unless it exits 0, returns stdout. */
    static String run(Path dir, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command));
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        var err = new java.io.ByteArrayOutputStream();
        Thread drain = Thread.startVirtualThread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the exit code tells
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
            drain.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertThat(p.exitValue()).as("exit code of %s; stderr: %s", String.join(" ", command),
                err.toString(StandardCharsets.UTF_8)).isZero();
        return out;
    }

    /** Skips without root on a laptop, fails under CI=true (see org.flar.testing.Tools). */
    static void requireRoot() {
        org.flar.testing.Tools.requireRoot();
    }

    static void requireTool(String tool) {
        org.flar.testing.Tools.requireTool(tool);
    }
}
