package org.flar.job;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flar.capture.CaptureOptions;
import org.flar.capture.CaptureResult;
import org.flar.capture.ExcludeRules;
import org.flar.progress.Progress;
import org.flar.schedule.ArchiveSeries;
import org.flar.schedule.ScheduleConfig;

/**
 * One run of a scheduled capture (the flar-capture@NAME.service's {@code flar schedule run NAME}):
 * a full archive, or a differential against the last full one while fewer than the configured
 * number were made since; then archives beyond the configured count of full ones are removed.
 * The archive is written under a temporary name, so a failed run leaves the series as it was.
 */
public final class ScheduledCapture {
    /**
     * What a run did, or with {@code dryRun} would do.
     *
     * @param master  the full archive a differential was made against, or null for a full one
     * @param removed archives removed as beyond the count kept
     */
    public record Result(Path archive, Path master, List<Path> removed, CaptureResult capture) {
    }

    private final ScheduleConfig config;

    public ScheduledCapture(ScheduleConfig config) {
        this.config = config;
    }

    /** Captures at {@code now} (the archive's time stamp); with {@code dryRun} only says what it would do. */
    public Result run(Instant now, boolean dryRun, Progress progress) throws IOException {
        if (dryRun) {
            return capture(now, true, progress);
        }
        if (!Files.isDirectory(config.root())) {
            throw new IllegalArgumentException(config.root() + ": not a directory (root = of the capture " + config.name() + ")");
        }
        Files.createDirectories(config.directory());
        // One run of a capture at a time (the timer's and one by hand): a run removing old archives
        // must not remove the full archive another is making a differential against.
        Path lockFile = config.directory().resolve("." + config.name() + ".lock");
        try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = tryLock(lock)) {
            if (held == null) {
                throw new IOException(lockFile + ": another run of the capture " + config.name() + " is in progress");
            }
            return capture(now, false, progress);
        }
    }

    private Result capture(Instant now, boolean dryRun, Progress progress) throws IOException {
        ArchiveSeries series = ArchiveSeries.of(config.name(), config.directory());
        ArchiveSeries.Archive full = series.lastFull();
        boolean differential = full != null && series.differentialsSinceLastFull() < config.differentials();
        Path master = differential ? full.file() : null;
        Path archive = series.next(now, !differential);
        if (dryRun) {
            return new Result(archive, master, List.of(), null);
        }
        if (Files.exists(archive)) {
            throw new FileAlreadyExistsException(archive.toString(), null, "already exists (two runs in one second?)");
        }
        CaptureResult capture = new Creation(options(), Creation.Identity.AS_CAPTURED,
                master == null ? null : org.flar.baseline.Master.of(master), false)
                .writeFile(archive, progress);
        List<Path> removed = new ArrayList<>();
        for (ArchiveSeries.Archive old : ArchiveSeries.of(config.name(), config.directory()).beyond(config.keep())) {
            Files.deleteIfExists(old.file());
            removed.add(old.file());
        }
        return new Result(archive, master, removed, capture);
    }

    /** The lock, or null when another process, or this one, holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** The capture options; the archives' own directory is left out when it lies inside the root. */
    CaptureOptions options() throws IOException {
        List<String> excludes = new ArrayList<>(config.excludes());
        Path root = config.root().toAbsolutePath().normalize();
        if (config.directory().startsWith(root) && !config.directory().equals(root)) {
            excludes.add("/" + root.relativize(config.directory()));
        }
        String name = config.contentName() != null ? config.contentName() : Creation.defaultName(root);
        return CaptureOptions.builder(root, name).rules(new ExcludeRules(excludes, List.of()))
                .oneFileSystem(config.oneFileSystem()).compression(config.compression(), -1)
                .build();
    }
}
