package org.flar.rescue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs the system tools the rescue build is made of; a failure names the tool and its last error line. */
final class Run {
    private Run() {
    }

    /** Runs {@code command} in {@code dir} (null: the current directory) and returns its standard output. */
    static String output(Path dir, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("LC_ALL", "C");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException(command.getFirst() + ": cannot run it (" + e.getMessage() + ")", e);
        }
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
        String out = slurp(p.getInputStream());
        int status = waitFor(p);
        if (status != 0) {
            throw new IOException(String.join(" ", command) + ": exit " + status + lastLine(err.join()));
        }
        return out;
    }

    static void run(Path dir, String... command) throws IOException {
        output(dir, List.of(command));
    }

    /** Whether {@code tool} is on the PATH or in an sbin directory. */
    static Path find(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (java.nio.file.Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** The path of {@code tool}, or an error telling which Debian package provides it. */
    static Path require(String tool, String debianPackage) throws IOException {
        Path p = find(tool);
        if (p == null) {
            throw new IOException(tool + ": not found; install the Debian package " + debianPackage);
        }
        return p;
    }

    static int waitFor(Process p) throws IOException {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String slurp(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLine(String err) {
        String s = err.strip();
        return s.isEmpty() ? "" : ": " + s.substring(s.lastIndexOf('\n') + 1);
    }
}
