package org.flar.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.Xattr;
import org.flar.fs.Posix;
import org.flar.progress.Progress;

/**
 * Puts an entry's metadata on a restored object, in the one order that loses nothing: owner
 * first (chown clears setuid bits and file capabilities), then xattrs (capabilities, ACLs),
 * then the mode (setuid/setgid survive), then the times (every step above changes ctime, some
 * the mtime of directories).
 */
final class Metadata {
    private final Progress progress;
    private final boolean root = Posix.isRoot();
    private final java.util.concurrent.atomic.AtomicLong ownersNotSet = new java.util.concurrent.atomic.AtomicLong();

    Metadata(Progress progress) {
        this.progress = progress;
    }

    void apply(Path p, Entry e) throws IOException {
        if (root) {
            Posix.lchown(p, e.uid(), e.gid());
        } else {
            ownersNotSet.incrementAndGet();
        }
        applyXattrs(p, e);
        if (e.type() != EntryType.SYMLINK) {
            Posix.chmod(p, e.mode());
        }
        Posix.setTimes(p, e.mtimeNanos(), e.mtimeNanos());
    }

    /** Sets the entry's xattrs and removes any the object got by itself (a default ACL inherited from its directory). */
    private static void applyXattrs(Path p, Entry e) throws IOException {
        List<String> present = Posix.listXattrs(p);
        Set<String> wanted = new HashSet<>();
        for (Xattr x : e.xattrs()) {
            wanted.add(x.name());
            Posix.setXattr(p, x.name(), x.value());
        }
        for (String name : present) {
            if (!wanted.contains(name) && (name.startsWith("system.posix_acl") || name.startsWith("user.")
                    || name.startsWith("trusted.") || name.equals("security.capability"))) {
                Posix.removeXattr(p, name);
            }
        }
    }

    /** One warning for all the owners a non-root deployment could not set. */
    void report() {
        if (ownersNotSet.get() > 0) {
            progress.warning("not running as root: owners of " + ownersNotSet.get() + " entries were not set");
        }
    }
}
