package org.flar.rescue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.flar.entry.ContentDigest;
import org.flar.fs.FileTrees;

/**
 * Where rescue builds are kept: one directory per key (a hash of everything that goes in), which
 * appears only complete (built as {@code KEY.tmp}, then renamed), a lock so that two builds at
 * once (a cron job and a user) do not share {@code KEY.tmp}, and the {@value #KEEP} most recently
 * used builds kept, since each flar update makes a new key.
 */
final class RescueCache {
    static final int KEEP = 3;

    private final Path root;

    RescueCache(Path root) {
        this.root = root;
    }

    /** Where a downloaded kernel package is kept. */
    Path kernels() {
        return root.resolve("kernel");
    }

    interface Build {
        /** Builds into {@code work}, an empty directory, and returns what it made there. */
        RescueSystem into(Path work) throws IOException;
    }

    /** The build under {@code key}, made by {@code build} first when there is none. */
    RescueSystem get(String key, Build build) throws IOException {
        Files.createDirectories(root);
        FileChannel lock;
        try {
            lock = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            // a user who may not write the cache may still use the build root made: no lock, no pruning
            return getLocked(key, build);
        }
        try (lock; FileLock _ = lock.lock()) {
            RescueSystem r = getLocked(key, build);
            prune(r.dir());
            return r;
        }
    }

    /** Whether {@code key} is built already. */
    boolean has(String key) throws IOException {
        return RescueSystem.load(root.resolve(key)) != null;
    }

    private RescueSystem getLocked(String key, Build build) throws IOException {
        Path dir = root.resolve(key);
        RescueSystem cached = RescueSystem.load(dir);
        if (cached != null) {
            return cached;
        }
        Path work = root.resolve(key + ".tmp");
        FileTrees.delete(work);
        Files.createDirectories(work);
        RescueSystem built = build.into(work);
        built.save();
        FileTrees.delete(dir);
        Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
        return built.movedTo(dir);
    }

    private void prune(Path current) throws IOException {
        Files.setLastModifiedTime(current, FileTime.from(Instant.now()));
        List<Path> builds;
        try (Stream<Path> dirs = Files.list(root)) {
            builds = dirs.filter(d -> d.getFileName().toString().startsWith("flar-") && Files.isDirectory(d)
                    && !d.getFileName().toString().endsWith(".tmp"))
                    .sorted(Comparator.comparing(RescueCache::lastUsed).reversed())
                    .toList();
        }
        for (Path old : builds.subList(Math.min(KEEP, builds.size()), builds.size())) {
            if (!old.equals(current)) {
                FileTrees.delete(old);
            }
        }
    }

    private static FileTime lastUsed(Path d) {
        try {
            return Files.getLastModifiedTime(d);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The first 12 hex digits of the SHA-256 of {@code parts} and every file under {@code trees}, names included. */
    static String key(String parts, byte[] extra, List<Path> trees) throws IOException {
        MessageDigest d = ContentDigest.newSha256();
        d.update(parts.getBytes(StandardCharsets.UTF_8));
        d.update(extra);
        for (Path entry : trees) {
            try (Stream<Path> files = Files.walk(entry)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    d.update(entry.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                    try (InputStream in = Files.newInputStream(f)) {
                        byte[] buf = new byte[1 << 16];
                        for (int n; (n = in.read(buf)) > 0; ) {
                            d.update(buf, 0, n);
                        }
                    }
                }
            }
        }
        return HexFormat.of().formatHex(d.digest()).substring(0, 12);
    }
}
