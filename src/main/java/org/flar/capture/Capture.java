package org.flar.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.flar.entry.ContentDigest;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.fs.FileStat;
import org.flar.pipeline.Await;
import org.flar.progress.Progress;

/**
 * Captures a source root into a flash archive. Three stages, as restic's archiver: the walker
 * (one thread, manifest order) hands each entry to a small pool that reads metadata and small
 * files, and the writer (the calling thread) takes the results in walk order and writes
 * payload and manifest. Large and sparse files are streamed by the writer itself, so memory
 * stays bounded by the queue, not by the tree.
 */
public final class Capture {

    /**
     * Files up to this size are read and hashed whole by the pool, in parallel; larger ones are
     * streamed and hashed by the writer. Large enough that on a Debian root the writer hashes
     * only a few percent of the bytes: with a smaller limit it became the bottleneck (bench/run).
     */
    static final int SMALL_FILE = 8 << 20;
    /** Bytes of file content read ahead of the writer: what bounds a capture's memory. */
    static final int READ_AHEAD_BYTES = 64 << 20;
    /** Entries in flight between walker and writer. */
    private static final int QUEUE = 1024;

    private final CaptureOptions options;
    private final Progress progress;
    /** Null for a full capture. */
    private final Differential differential;
    /** Null: the identity is neither saved nor scrubbed. */
    private IdentityPolicy identity;

    public Capture(CaptureOptions options, Progress progress) {
        this(options, progress, null);
    }

    /** A differential capture against {@code differential}'s baseline, or a full one when it is null. */
    public Capture(CaptureOptions options, Progress progress, Differential differential) {
        this.options = options;
        this.progress = progress;
        this.differential = differential;
    }

    /** Saves (identity section) or scrubs the root's identity as {@code policy} says. */
    public Capture identity(IdentityPolicy policy) {
        this.identity = policy;
        return this;
    }

    /**
     * Writes the archive to {@code out}. {@code archiveFile}, when the archive is written to a
     * file, is left out of the capture should it lie inside the root.
     */
    public CaptureResult run(OutputStream out, Path archiveFile) throws IOException {
        return run(out, archiveFile, null);
    }

    /**
     * As {@link #run(OutputStream, Path)}; {@code replacedFile}, the file the archive replaces once
     * complete (it is written under a temporary name), is left out too should it lie inside the root.
     */
    public CaptureResult run(OutputStream out, Path archiveFile, Path replacedFile) throws IOException {
        Path spoolDir = options.spoolDir() != null ? options.spoolDir()
                : archiveFile != null ? archiveFile.toAbsolutePath().getParent() : Path.of(System.getProperty("java.io.tmpdir"));
        try (Spool spool = new Spool(spoolDir)) {
            Set<TreeWalker.FileKey> skip = spool.fileKeys();
            for (Path f : new Path[] {archiveFile, replacedFile}) {
                if (f != null && Files.exists(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    skip.add(spool.keyOf(f));
                }
            }
            PayloadSink sink = new PayloadSink(spool, options, progress, differential);
            CaptureResult result = capture(sink, skip);
            new ArchiveAssembler(options, spool, differential, identity).write(out, sink, result);
            return result;
        }
    }

    private CaptureResult capture(PayloadSink sink, Set<TreeWalker.FileKey> skip) throws IOException {
        progress.phase("create", -1);
        Path root = options.root();
        TreeWalker walker = new TreeWalker(root, new ExcludeRules(options.excludes(), options.includes()),
                options.oneFileSystem(), skip, progress);
        EntryScanner scanner = new EntryScanner(OwnerNames.of(root));
        ContentStage content = new ContentStage(progress, options.strict());
        // Taken by the walker in walk order and given back by the writer in the same order, so
        // a pool thread can never wait for bytes held by entries behind it.
        Semaphore readAhead = new Semaphore(READ_AHEAD_BYTES);
        BlockingQueue<Future<CapturedEntry>> queue = new ArrayBlockingQueue<>(QUEUE);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads()), r -> {
            Thread t = new Thread(r, "flar-read");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<CapturedEntry> end = CompletableFuture.completedFuture(null);
        Thread walkThread = Thread.ofPlatform().name("flar-walk").daemon().start(() -> {
            Map<TreeWalker.FileKey, String> firstNames = new HashMap<>();
            try {
                walker.walk(item -> {
                    if (identity != null && identity.leavesOut(item.rel())) {
                        return;
                    }
                    EntryType type = EntryScanner.typeOf(item.stat());
                    String linkTarget = null;
                    if (type == EntryType.FILE && item.stat().nlink() > 1) {
                        TreeWalker.FileKey key = new TreeWalker.FileKey(item.stat().dev(), item.stat().ino());
                        linkTarget = firstNames.putIfAbsent(key, item.rel());
                        if (linkTarget != null) {
                            type = EntryType.HARDLINK;
                        }
                    }
                    EntryType t = type;
                    String target = linkTarget;
                    BaseEntry old = differential == null ? null
                            : differential.baseline().advanceTo(item.rel(), gone -> putQuietly(queue, deletion(gone)));
                    int bytes = ContentStage.readAheadBytes(item, t);
                    readAhead.acquireUninterruptibly(bytes);
                    putQuietly(queue, pool.submit(() -> read(content, item, scanner.scan(item, t, target), old)));
                });
                if (differential != null) {
                    differential.baseline().finish(gone -> putQuietly(queue, deletion(gone)));
                }
                putQuietly(queue, end);
            } catch (Throwable e) {
                putQuietly(queue, CompletableFuture.failedFuture(e));
            }
        });
        try {
            while (true) {
                CapturedEntry c = take(queue);
                if (c == null) {
                    break;
                }
                if (c.isDeletion()) {
                    sink.write(c, content);
                    continue;
                }
                Entry written = sink.write(c, content);
                readAhead.release(ContentStage.readAheadBytes(c.item(), c.entry().type()));
                if (written != null) {
                    progress.entry(written.path(), written.storedSize());
                }
            }
            return sink.finish(content);
        } finally {
            walkThread.interrupt();
            pool.shutdownNow();
        }
    }

    private static Future<CapturedEntry> deletion(BaseEntry gone) {
        return CompletableFuture.completedFuture(CapturedEntry.gone(gone));
    }

    /**
     * Runs in the pool. In a differential, an entry whose metadata equals the base's (type, size,
     * mtime, mode, owner, xattr names and sum, link target, device) is taken as unchanged
     * without reading it, as rsync and tar do; --checksum reads it and compares its sha256.
     */
    private CapturedEntry read(ContentStage content, TreeWalker.Item item, Entry scanned, BaseEntry old)
            throws IOException {
        byte[] replaced = identity == null || scanned.type() != EntryType.FILE ? null : identity.replacement(item.rel());
        if (replaced != null) {
            Entry e = scanned.toBuilder().size(replaced.length).sparse(null)
                    .sha256(ContentDigest.of(replaced)).build();
            return new CapturedEntry(e, replaced, item);
        }
        if (old == null) {
            return content.read(item, scanned);
        }
        boolean sameMetadata = old.line().describes(scanned);
        if (sameMetadata && !differential.checksum()) {
            return new CapturedEntry(scanned, null, item).against(old, true);
        }
        CapturedEntry c = content.read(item, scanned);
        if (!sameMetadata || scanned.type() != EntryType.FILE) {
            return c.against(old, sameMetadata);
        }
        String now = c.entry().sha256() != null ? c.entry().sha256() : content.hashWhole(item, scanned);
        String before = differential.baseline().withChecksum(old).entry().sha256();
        return c.against(old, now.equals(before));
    }

    private static CapturedEntry take(BlockingQueue<Future<CapturedEntry>> queue) throws IOException {
        try {
            return Await.result(queue.take(), "capture");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("capture interrupted", e);
        }
    }

    private static void putQuietly(BlockingQueue<Future<CapturedEntry>> queue, Future<CapturedEntry> f) {
        try {
            queue.put(f);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("capture stopped");
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    static List<String> describeChange(FileStat before, FileStat after) {
        List<String> what = new ArrayList<>();
        if (before.size() != after.size()) {
            what.add("size " + before.size() + " -> " + after.size());
        }
        if (before.mtimeNanos() != after.mtimeNanos()) {
            what.add("mtime");
        }
        if (before.ctimeNanos() != after.ctimeNanos() && what.isEmpty()) {
            what.add("ctime (metadata)");
        }
        return what;
    }
}
