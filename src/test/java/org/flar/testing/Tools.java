package org.flar.testing;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Real command-line tools for tests: checking they are there, and running them.
 *
 * <p>A test that needs a tool or root calls {@link #requireTool} / {@link #requireRoot} first.
 * On a developer machine a missing tool skips the test; with {@code CI=true} it fails it,
 * because {@code scripts/test} installs every tool there and a green run must mean the real
 * tests ran.
 */
public final class Tools {
    /** Long enough for mtree to hash a 5 GiB sparse file on a slow runner. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(20);

    // The Debian package that provides each command, for the message that tells what to install.
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("bsdtar", "libarchive-tools"), Map.entry("cpio", "cpio"),
            Map.entry("debootstrap", "debootstrap"), Map.entry("mtree", "mtree-netbsd"),
            Map.entry("getfattr", "attr"), Map.entry("setfattr", "attr"),
            Map.entry("getfacl", "acl"), Map.entry("setfacl", "acl"),
            Map.entry("setcap", "libcap2-bin"), Map.entry("getcap", "libcap2-bin"),
            Map.entry("zstd", "zstd"), Map.entry("xz", "xz-utils"), Map.entry("tar", "tar"),
            Map.entry("mke2fs", "e2fsprogs"), Map.entry("filefrag", "e2fsprogs"),
            Map.entry("xorriso", "xorriso"), Map.entry("grub-mkrescue", "grub-common"), Map.entry("mformat", "mtools"),
            Map.entry("busybox", "busybox-static"), Map.entry("nginx", "nginx"), Map.entry("openssl", "openssl"));

    private Tools() {}

    /** The result of a finished command. Output is decoded as UTF-8 (invalid bytes replaced). */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** Throws unless the command exited 0; the message carries the command and its stderr. */
        public Result check() {
            if (exitCode != 0) {
                throw new AssertionError("command failed (exit " + exitCode + "): "
                        + String.join(" ", command) + "\n" + stderr.strip());
            }
            return this;
        }
    }

    /** True when running under CI ({@code CI=true}), where nothing may be skipped. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** True when the JVM runs with effective uid 0. */
    public static boolean isRoot() {
        try {
            // /proc/self belongs to the effective uid, which is what the kernel checks for
            // mknod, chown and trusted.* xattrs; no native call needed.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Skips the calling test when {@code cmd} is missing, or fails it under CI. */
    public static void requireTool(String cmd) {
        if (find(cmd).isPresent()) {
            return;
        }
        String pkg = PACKAGES.get(cmd);
        String what = pkg == null ? cmd : cmd + " (Debian package " + pkg + ")";
        if (inCi()) {
            throw new AssertionError("CI must have " + what + ": scripts/test installs it");
        }
        abort(what + " is not installed; ./scripts/test as root installs it");
    }

    /** Skips the calling test when not root, or fails it under CI. */
    public static void requireRoot() {
        if (isRoot()) {
            return;
        }
        if (inCi()) {
            throw new AssertionError("CI must run the tests as root: they need mknod, chown and trusted.* xattrs");
        }
        abort("needs root (mknod, chown, trusted.* xattrs); run ./scripts/test as root");
    }

    /**
     * The absolute path of {@code cmd} on PATH, or in /usr/sbin and /sbin which a non-root
     * PATH on Debian leaves out (setcap, debootstrap, mke2fs live there).
     */
    public static Optional<Path> find(String cmd) {
        if (cmd.contains("/")) {
            Path p = Path.of(cmd);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, cmd);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code cmd} in {@code cwd} and returns its stdout; throws with stderr on a non-zero exit. */
    public static String run(List<String> cmd, Path cwd) {
        return exec(cmd, cwd, Map.of(), DEFAULT_TIMEOUT).check().stdout();
    }

    /** {@link #run(List, Path)} with the command as arguments. */
    public static String run(Path cwd, String... cmd) {
        return run(List.of(cmd), cwd);
    }

    /** {@link #run(List, Path)} with a timeout. */
    public static String run(List<String> cmd, Path cwd, Duration timeout) {
        return exec(cmd, cwd, Map.of(), timeout).check().stdout();
    }

    /** Runs {@code cmd} with no stdin, whatever its exit code; for tools whose exit code carries an answer (mtree). */
    public static Result exec(List<String> cmd, Path cwd) {
        return exec(cmd, cwd, Map.of(), DEFAULT_TIMEOUT);
    }

    /**
     * Runs {@code cmd} in {@code cwd} (null: the current directory) with extra environment
     * variables, stdin from /dev/null, and kills it after {@code timeout}.
     */
    public static Result exec(List<String> cmd, Path cwd, Map<String, String> env, Duration timeout) {
        List<String> resolved = new ArrayList<>(cmd);
        // Resolve here rather than through the child's PATH so that sbin tools run for non-root too.
        find(cmd.getFirst()).ifPresent(p -> resolved.set(0, p.toString()));
        ProcessBuilder pb = new ProcessBuilder(resolved).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        pb.environment().putAll(env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", cmd), e);
        }
        // Both pipes are drained concurrently: a tool filling one while we wait on the other would hang.
        try (ExecutorService drainers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<byte[]> out = drainers.submit(() -> drain(process.getInputStream()));
            Future<byte[]> err = drainers.submit(() -> drain(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
                throw new AssertionError("command timed out after " + timeout + ": " + String.join(" ", cmd));
            }
            return new Result(List.copyOf(cmd), process.exitValue(),
                    new String(out.get(), StandardCharsets.UTF_8), new String(err.get(), StandardCharsets.UTF_8));
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the output of " + String.join(" ", cmd), e.getCause());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", cmd), e);
        }
    }

    private static byte[] drain(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    /**
     * A new empty directory under {@code target/scratch/}. Tests that need real ext4 semantics
     * (xattrs of every namespace, block counts of holes) use it instead of {@code @TempDir}:
     * /tmp is a tmpfs on many CI machines. Remove it with {@link #deleteTree}.
     */
    public static Path scratchDir(String prefix) {
        try {
            Path base = Path.of("target", "scratch").toAbsolutePath();
            Files.createDirectories(base);
            return Files.createTempDirectory(base, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes a tree with {@code rm -rf}, which (as root) copes with modes 0000, sticky
     * directories and device nodes, and stays on one filesystem in case a test left a mount.
     */
    public static void deleteTree(Path dir) {
        if (dir != null && Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            run(List.of("rm", "-rf", "--one-file-system", "--", dir.toString()), null);
        }
    }
}
