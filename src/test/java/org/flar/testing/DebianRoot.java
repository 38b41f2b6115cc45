package org.flar.testing;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Debian root filesystem for fidelity tests: {@code debootstrap --variant=minbase
 * bookworm}, about 200 MB and 6,800 entries, built once by {@code scripts/test} and cached.
 *
 * <p>The cache is read-only by convention: tests work on a {@link #copyTo copy}.
 */
public final class DebianRoot {
    /** Where {@code scripts/test} builds the cache unless FLAR_TEST_CACHE says otherwise. */
    public static final Path DEFAULT = Path.of("/var/cache/flar-test/bookworm-minbase");

    private DebianRoot() {}

    /**
     * The cached root: {@code $FLAR_TEST_DEBIAN_ROOT}, else {@link #DEFAULT}. When it is missing
     * the calling test is skipped, or failed under {@code CI=true}.
     */
    public static Path cached() {
        String env = System.getenv("FLAR_TEST_DEBIAN_ROOT");
        Path root = env == null || env.isBlank() ? DEFAULT : Path.of(env);
        // scripts/test renames the finished debootstrap into place, so a root with these is complete.
        boolean complete = Files.isDirectory(root.resolve("usr/bin"), LinkOption.NOFOLLOW_LINKS)
                && Files.isRegularFile(root.resolve("usr/lib/os-release"), LinkOption.NOFOLLOW_LINKS)
                && Files.isRegularFile(root.resolve("var/lib/dpkg/status"), LinkOption.NOFOLLOW_LINKS);
        if (!complete) {
            String why = "no debootstrap root at " + root + "; ./scripts/test as root builds it";
            if (Tools.inCi()) {
                throw new AssertionError("CI must have the Debian test root: " + why);
            }
            abort(why);
        }
        return root;
    }

    /**
     * Copies the cached root to {@code dir} (created; must not exist or be empty) with
     * {@code cp -a --sparse=always} and returns {@code dir}. Needs root: the copy keeps owners,
     * device nodes and xattrs.
     */
    public static Path copyTo(Path dir) {
        Path source = cached();
        Tools.requireRoot();
        try {
            Files.createDirectories(dir);
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("not empty: " + dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // "SRC/." copies the contents and the root directory's own mode, owner and times onto dir.
        Tools.run(List.of("cp", "-a", "--sparse=always", "--", source + "/.", dir.toString()), null);
        return dir;
    }

    /**
     * {@link #copyTo Copies} the cached root to {@code dir} and empties the copy's {@code run/}:
     * a capture keeps volatile directories empty, so a root to compare a deployment with must too.
     */
    public static Path copyWithEmptyRun(Path dir) {
        copyTo(dir);
        try (var volatileContents = Files.list(dir.resolve("run"))) {
            for (Path p : volatileContents.toList()) {
                Tools.run(List.of("rm", "-rf", p.toString()), dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
