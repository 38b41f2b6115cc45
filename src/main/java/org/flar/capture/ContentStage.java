package org.flar.capture;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.flar.entry.ContentDigest;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;
import org.flar.progress.Progress;

/**
 * Reads file content once and hashes it, and notices files that change while they are read
 * (size, mtime or ctime differ before and after): reported, counted, or fatal with --strict.
 */
final class ContentStage {
    private final Progress progress;
    private final boolean strict;
    private final AtomicLong changed = new AtomicLong();
    private final AtomicLong filesRead = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();

    ContentStage(Progress progress, boolean strict) {
        this.progress = progress;
        this.strict = strict;
    }

    /** How much of the read-ahead budget an entry holds while it waits for the writer. */
    static int readAheadBytes(TreeWalker.Item item, EntryType type) {
        return type == EntryType.FILE && isReadWhole(item.stat()) ? (int) item.stat().size() : 0;
    }

    private static boolean isReadWhole(FileStat st) {
        return st.size() <= Capture.SMALL_FILE && !st.mayBeSparse();
    }

    /** Runs in the pool: small dense files are read and hashed here; others are left to the writer. */
    CapturedEntry read(TreeWalker.Item item, Entry entry) throws IOException {
        if (entry.type() != EntryType.FILE) {
            return new CapturedEntry(entry, null, item);
        }
        FileStat st = item.stat();
        if (!isReadWhole(st)) {
            return new CapturedEntry(entry, null, item);
        }
        byte[] data = FileContent.readSmall(item.path(), st.size());
        if (data == null) {
            // The size changed between lstat and read: let the writer stream it and report it.
            return new CapturedEntry(entry, null, item);
        }
        checkUnchanged(item);
        filesRead.incrementAndGet();
        bytesRead.addAndGet(data.length);
        return new CapturedEntry(entry.withSha256(ContentDigest.of(data)), data, item);
    }

    /** --checksum on a file the writer would stream: hashed here first, read again only if it is sent. */
    String hashWhole(TreeWalker.Item item, Entry entry) throws IOException {
        try (FileContent in = new FileContent(item.path(), null, entry.size())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            filesRead.incrementAndGet();
            bytesRead.addAndGet(entry.size());
            return in.sha256();
        }
    }

    /** After a file was read: compare with what the walker saw. */
    void checkUnchanged(TreeWalker.Item item) throws IOException {
        FileStat after = Posix.lstat(item.path());
        List<String> what = Capture.describeChange(item.stat(), after);
        if (!what.isEmpty()) {
            changed(item.rel(), String.join(", ", what));
        }
    }

    void changed(String rel, String what) throws IOException {
        changed.incrementAndGet();
        String message = rel + ": changed while it was read (" + what + ")";
        if (strict) {
            throw new FileChangedException(message);
        }
        progress.warning(message);
    }

    void countStreamed(long bytes) {
        filesRead.incrementAndGet();
        bytesRead.addAndGet(bytes);
    }

    long changedCount() {
        return changed.get();
    }

    long filesRead() {
        return filesRead.get();
    }

    long bytesRead() {
        return bytesRead.get();
    }
}
