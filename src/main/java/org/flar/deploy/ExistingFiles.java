package org.flar.deploy;

import java.io.IOException;
import java.nio.file.Path;
import org.flar.entry.Entry;
import org.flar.fs.Beneath;
import org.flar.fs.Posix;
import org.flar.progress.Progress;

/**
 * New metadata for files a deployment keeps rather than rewrites: a differential's metadata-only
 * entries. The same path guard as for restored entries (no "..", no symlink on the way) and the
 * same order of steps ({@link Metadata}); the caller has checked the file's content.
 */
public final class ExistingFiles {
    private final TargetRoot target;
    private final Metadata metadata;

    public ExistingFiles(Beneath root, String archiveName, Progress progress) throws IOException {
        this.target = new TargetRoot(root, archiveName);
        this.metadata = new Metadata(progress);
    }

    /** Gives the regular file at {@code e.path()} the owner, xattrs (ACLs), mode and mtime of {@code e}. */
    public void apply(Entry e) throws IOException {
        Path p = target.resolve(e.path());
        if (!Posix.lstat(p).isRegular()) {
            throw new IOException(p + ": not a regular file; its new metadata was not applied");
        }
        metadata.apply(p, e);
    }

    /** One warning for what could not be applied (owners, without root). */
    public void report() {
        metadata.report();
    }
}
