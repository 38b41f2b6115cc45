package org.flar.capture;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.flar.fs.FileStat;
import org.flar.progress.Progress;

/**
 * Beside a full capture, a second walk of the same tree that only counts (restic's scanner): the
 * bytes of file content the capture will read, from lstat alone, told to the progress as the
 * phase's total once known, so that it can show a percentage and the time left. It costs one
 * lstat per entry, a small part of reading and hashing every file; hard links count once.
 */
final class CountingPass implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stopped;

    private CountingPass(CaptureOptions options, Set<TreeWalker.FileKey> skip, String phase, Progress progress) {
        // Progress.NONE: the capture's own walk reports what is left out; this one must not say it twice.
        TreeWalker walker = new TreeWalker(options.root(), options.rules(), options.oneFileSystem(), skip, Progress.NONE);
        thread = Thread.ofPlatform().name("flar-count").daemon().start(() -> {
            long[] bytes = {0};
            Set<TreeWalker.FileKey> linked = new HashSet<>();
            try {
                walker.walk(item -> {
                    if (stopped) {
                        throw new IOException("stopped");
                    }
                    FileStat st = item.stat();
                    if (st.fileType() == FileStat.S_IFREG
                            && (st.nlink() == 1 || linked.add(new TreeWalker.FileKey(st.dev(), st.ino())))) {
                        bytes[0] += st.size();
                    }
                });
                if (!stopped) {
                    progress.total(phase, bytes[0]);
                }
            } catch (IOException | RuntimeException e) {
                // Only a help to the eye: the capture's own walk reports what went wrong.
            }
        });
    }

    /** Starts counting {@code options}' tree for the phase {@code phase}. */
    static CountingPass start(CaptureOptions options, Set<TreeWalker.FileKey> skip, String phase, Progress progress) {
        return new CountingPass(options, skip, phase, progress);
    }

    @Override
    public void close() {
        stopped = true;
    }
}
