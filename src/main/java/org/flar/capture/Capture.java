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
import org.flar.format.MetadataLine;
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
    /** The layout section's bytes, or null: none recorded. */
    private byte[] layout;
    private java.time.Clock clock = java.time.Clock.systemUTC();
    /** When the walk began (nanoseconds since the epoch) and the tree's identity: creation_started, creation_root. */
    private long started;
    private String rootIdentity;

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

    /** The clock creation_started is read from (tests set one that runs ahead). */
    Capture clock(java.time.Clock c) {
        this.clock = c;
        return this;
    }

    /** Carries the machine's disk layout (org.flar.layout) in the layout section. */
    public Capture layout(byte[] section) {
        this.layout = section;
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
        return run(spoolDir, java.util.Arrays.asList(archiveFile, replacedFile), spool -> {
            PayloadInPlace inPlace = PayloadInPlace.probe(out, archiveFile, spool);
            return inPlace == null ? new Output(null, (assembler, sink, result) -> assembler.write(out, sink, result))
                    : new Output(inPlace.payload(), (assembler, sink, result) -> assembler.writeInPlace(inPlace, sink, result));
        });
    }

    /**
     * Captures with the stored payload written to {@code payload} as it is produced, not spooled,
     * then writes everything before it (cookie, identification, text sections, the line
     * {@code section_begin=archive}) to {@code header}: the archive is the header's bytes followed
     * by the payload's. For writers that place the payload before the text sections are known, so
     * that no full-size temporary archive is needed (volume sets). The files and directories in
     * {@code leaveOut} are not captured should they lie inside the root.
     */
    public CaptureResult runStreamed(OutputStream payload, OutputStream header, List<Path> leaveOut) throws IOException {
        Path spoolDir = options.spoolDir() != null ? options.spoolDir() : Path.of(System.getProperty("java.io.tmpdir"));
        return run(spoolDir, leaveOut,
                _ -> new Output(payload, (assembler, sink, result) -> assembler.writeHeader(header, sink, result)));
    }

    private interface Assembly {
        void write(ArchiveAssembler assembler, PayloadSink sink, CaptureResult result) throws IOException;
    }

    /** Where the stored payload goes as it is made (null: the spool), and how the archive is put together after. */
    private record Output(OutputStream storedPayload, Assembly assembly) {
    }

    private interface OutputChoice {
        Output of(CaptureSpool spool) throws IOException;
    }

    private CaptureResult run(Path spoolDir, List<Path> leaveOut, OutputChoice choice) throws IOException {
        try (CaptureSpool spool = new CaptureSpool(spoolDir)) {
            Output output = choice.of(spool);
            Set<TreeWalker.FileKey> skip = spool.fileKeys();
            for (Path f : leaveOut) {
                if (f != null && Files.exists(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    skip.add(spool.keyOf(f));
                }
            }
            PayloadSink sink = new PayloadSink(spool, output.storedPayload(), options, progress, differential);
            CaptureResult result = capture(sink, skip);
            output.assembly().write(new ArchiveAssembler(options, spool, differential, identity, layout)
                    .capturedAs(started, rootIdentity), sink, result);
            return result;
        }
    }

    private CaptureResult capture(PayloadSink sink, Set<TreeWalker.FileKey> skip) throws IOException {
        progress.phase("create", -1);
        // A differential reads only what changed, which no walk of lstat can tell: it shows no total.
        try (CountingPass _ = differential == null && progress.showsTotals()
                ? CountingPass.start(options, skip, "create", progress) : null) {
            return capture(sink, skip, progress);
        }
    }

    private CaptureResult capture(PayloadSink sink, Set<TreeWalker.FileKey> skip, Progress progress) throws IOException {
        Path root = options.root();
        // Before the walk: every change after this instant leaves a later ctime (CtimeTrust).
        java.time.Instant now = clock.instant();
        started = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        rootIdentity = CtimeTrust.rootIdentity(root);
        TreeWalker walker = new TreeWalker(root, options.rules(),
                options.oneFileSystem(), skip, progress);
        EntryScanner scanner = new EntryScanner(OwnerNames.of(root));
        ContentStage content = new ContentStage(progress, options.strict());
        // Taken by the walker in walk order and given back by the writer in the same order, so
        // a pool thread can never wait for bytes held by entries behind it.
        Semaphore readAhead = new Semaphore(READ_AHEAD_BYTES);
        BlockingQueue<Future<List<CapturedEntry>>> queue = new ArrayBlockingQueue<>(QUEUE / Batches.ENTRIES);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads()), r -> {
            Thread t = new Thread(r, "flar-read");
            t.setDaemon(true);
            return t;
        });
        Thread walkThread = Thread.ofPlatform().name("flar-walk").daemon().start(() -> {
            Map<TreeWalker.FileKey, String> firstNames = new HashMap<>();
            Batches batches = new Batches(queue, pool);
            try {
                CtimeTrust trust = CtimeTrust.NONE;
                if (differential != null && !differential.checksum()) {
                    Map<String, String> base = differential.baseline().capturedAs();
                    trust = CtimeTrust.of(base.get(org.flar.format.Identification.CREATION_STARTED),
                            base.get(org.flar.format.Identification.CREATION_ROOT), rootIdentity, started);
                }
                CtimeTrust ctime = trust;
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
                            : differential.baseline().advanceTo(item.rel(), gone -> batches.add(() -> CapturedEntry.gone(gone), 0));
                    int bytes = ContentStage.readAheadBytes(item, t);
                    if (!readAhead.tryAcquire(bytes)) {
                        // The writer frees read-ahead only for work it has: hand over what is held first.
                        batches.flush();
                        readAhead.acquireUninterruptibly(bytes);
                    }
                    if (old != null && ctime.unchanged(item.stat(), t, old.line().entry())) {
                        // The inode is as the base saw it: no xattrs to list, no link to read.
                        batches.add(() -> new CapturedEntry(old.line().entry(), null, item).against(old, true), bytes);
                    } else {
                        batches.add(() -> read(content, item, scanner.scan(item, t, target), old), bytes);
                    }
                });
                if (differential != null) {
                    differential.baseline().finish(gone -> batches.add(() -> CapturedEntry.gone(gone), 0));
                }
                batches.flush();
                putQuietly(queue, CompletableFuture.completedFuture(null));
            } catch (Throwable e) {
                putQuietly(queue, CompletableFuture.failedFuture(e));
            }
        });
        try {
            for (List<CapturedEntry> batch; (batch = take(queue)) != null; ) {
                for (CapturedEntry c : batch) {
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
            }
            return sink.finish(content);
        } finally {
            walkThread.interrupt();
            pool.shutdownNow();
        }
    }

    /**
     * Runs in the pool. In a differential, an entry whose metadata equals the base's (type, size,
     * mtime, mode, owner, xattr names and sum, link target, device) is taken as unchanged
     * without reading it, as rsync and tar do; --checksum reads it and compares its sha256. A
     * file of the base's size whose other metadata changed is metadata-only when its content is
     * the base's: taken so without reading when its mtime is the base's too, else read and compared.
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
        boolean sameContentSlot = scanned.type() == EntryType.FILE && old.line().entry().type() == EntryType.FILE
                && old.line().entry().size() == scanned.size();
        if (!sameContentSlot || !sameMetadata && !MetadataLine.fits(scanned)) {
            return content.read(item, scanned).against(old, sameMetadata);
        }
        String before = differential.baseline().withChecksum(old).entry().sha256();
        if (before == null) {
            // A base that does not know the old content (a state made against a directory): no
            // way to tell a metadata-only change, so the file is sent.
            return content.read(item, scanned).against(old, false);
        }
        if (!sameMetadata && old.line().entry().mtimeNanos() == scanned.mtimeNanos() && !differential.checksum()) {
            // chmod, chown, setfattr, setfacl keep size and mtime: the content is taken as the
            // base's without reading it, as for an unchanged entry; deployment checks it on the target.
            return CapturedEntry.metadataOnly(scanned.withSha256(before), item, old);
        }
        CapturedEntry c = content.read(item, scanned);
        String now = c.entry().sha256() != null ? c.entry().sha256() : content.hashWhole(item, scanned);
        if (!now.equals(before)) {
            return c.against(old, false);
        }
        return sameMetadata ? c.against(old, true) : CapturedEntry.metadataOnly(scanned.withSha256(now), item, old);
    }

    private static List<CapturedEntry> take(BlockingQueue<Future<List<CapturedEntry>>> queue) throws IOException {
        try {
            return Await.result(queue.take(), "capture");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("capture interrupted", e);
        }
    }

    private static void putQuietly(BlockingQueue<Future<List<CapturedEntry>>> queue, Future<List<CapturedEntry>> f) {
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
