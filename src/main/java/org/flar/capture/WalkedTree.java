package org.flar.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.format.ManifestEntry;
import org.flar.progress.Progress;

/**
 * An old root directory walked exactly as a capture walks its source (same order, exclusions,
 * volatile file systems, hardlink naming), as a pull cursor for a differential's merge join.
 * The walk runs on its own thread into a bounded queue, so memory stays bounded; files are
 * not read (their sha256 is null until {@link Baseline#withChecksum} asks).
 */
public final class WalkedTree implements AutoCloseable {
    private static final int QUEUE = 1024;
    private static final BaseEntry END = new BaseEntry(ManifestEntry.of(Entry.builder(".", EntryType.DIRECTORY).build()), null);

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread thread;
    private boolean ended;

    private WalkedTree(Path root, ExcludeRules rules, boolean oneFileSystem, Progress progress) {
        TreeWalker walker = new TreeWalker(root, rules, oneFileSystem, Set.of(), progress);
        EntryScanner scanner = new EntryScanner(OwnerNames.of(root));
        thread = Thread.ofPlatform().name("flar-walk-base").daemon().start(() -> {
            Map<TreeWalker.FileKey, String> firstNames = new HashMap<>();
            try {
                walker.walk(item -> {
                    EntryType type = EntryScanner.typeOf(item.stat());
                    String target = null;
                    if (type == EntryType.FILE && item.stat().nlink() > 1) {
                        target = firstNames.putIfAbsent(new TreeWalker.FileKey(item.stat().dev(), item.stat().ino()), item.rel());
                        if (target != null) {
                            type = EntryType.HARDLINK;
                        }
                    }
                    put(new BaseEntry(ManifestEntry.of(scanner.scan(item, type, target)), item.path()));
                });
                put(END);
            } catch (Throwable e) {
                put(e);
            }
        });
    }

    public static WalkedTree start(Path root, ExcludeRules rules, boolean oneFileSystem, Progress progress) {
        return new WalkedTree(root, rules, oneFileSystem, progress);
    }

    /** The next entry in walk order, or null after the last. */
    public BaseEntry next() throws IOException {
        if (ended) {
            return null;
        }
        Object o;
        try {
            o = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("walk of the old root interrupted", e);
        }
        if (o == END) {
            ended = true;
            return null;
        }
        if (o instanceof IOException io) {
            throw io;
        }
        if (o instanceof Throwable t) {
            throw new IOException(t.getMessage(), t);
        }
        return (BaseEntry) o;
    }

    private void put(Object o) {
        try {
            queue.put(o);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("walk stopped");
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
