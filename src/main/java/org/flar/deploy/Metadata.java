package org.flar.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.Xattr;
import org.flar.fs.Posix;
import org.flar.fs.UnnamedFile;
import org.flar.progress.Progress;

/**
 * Puts an entry's metadata on a restored object, in the one order that loses nothing: owner
 * first (chown clears setuid bits and file capabilities), then xattrs (capabilities, ACLs),
 * then the mode (setuid/setgid survive), then the times (every step above changes ctime, some
 * the mtime of directories).
 */
public final class Metadata {
    private final Progress progress;
    private final boolean root = Posix.isRoot();
    private static final int UMASK = ProcessUmask.get();
    /** Directories of the target, and whether they pass a default ACL to what is made in them. */
    private final Map<Path, Boolean> defaultAcl = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong ownersNotSet = new java.util.concurrent.atomic.AtomicLong();

    public Metadata(Progress progress) {
        this.progress = progress;
    }

    /** For an object that was there before, or a directory: every step, nothing assumed. */
    public void apply(Path p, Entry e) throws IOException {
        apply(p, e, true, e.type() != EntryType.SYMLINK);
    }

    /**
     * For an object this deployment just made with {@link #permissions}: it has no xattrs but
     * a default ACL its directory may have passed on, and its permission bits are right unless
     * the umask took some or it needs setuid/setgid/sticky. Each system call saved here is
     * saved for every file of the archive.
     */
    void applyToNew(Path p, Entry e) throws IOException {
        boolean chmod = e.type() != EntryType.SYMLINK && ((e.mode() & 07000) != 0 || (e.mode() & UMASK) != 0);
        apply(p, e, inheritsDefaultAcl(p.getParent()), chmod);
    }

    /**
     * {@link #applyToNew(Path, Entry)} for a regular file made without a name in a directory
     * that passes no default ACL on ({@link #inheritsDefaultAcl}): nothing to look for, and each
     * call goes through the descriptor, without a path lookup.
     */
    void applyToNew(UnnamedFile f, Entry e) throws IOException {
        if (root) {
            f.chown(e.uid(), e.gid());
        } else {
            ownersNotSet.incrementAndGet();
        }
        for (Xattr x : e.xattrs()) {
            f.setXattr(x.name(), x.value());
        }
        if ((e.mode() & 07000) != 0 || (e.mode() & UMASK) != 0) {
            f.chmod(e.mode());
        }
        f.setTimes(e.mtimeNanos(), e.mtimeNanos());
    }

    /** The permission bits to create an object with, before the umask. */
    static FileAttribute<Set<PosixFilePermission>> permissions(Entry e) {
        Set<PosixFilePermission> set = new HashSet<>();
        PosixFilePermission[] bits = PosixFilePermission.values();
        for (int i = 0; i < 9; i++) {
            if ((e.mode() & (0400 >> i)) != 0) {
                set.add(bits[i]);
            }
        }
        return PosixFilePermissions.asFileAttribute(set);
    }

    private void apply(Path p, Entry e, boolean lookForOtherXattrs, boolean chmod) throws IOException {
        if (root) {
            Posix.lchown(p, e.uid(), e.gid());
        } else {
            ownersNotSet.incrementAndGet();
        }
        applyXattrs(p, e, lookForOtherXattrs);
        if (chmod) {
            Posix.chmod(p, e.mode());
        }
        Posix.setTimes(p, e.mtimeNanos(), e.mtimeNanos());
    }

    /** Whether {@code dir} has a default ACL, which objects made in it inherit. */
    boolean inheritsDefaultAcl(Path dir) {
        return defaultAcl.computeIfAbsent(dir, d -> {
            try {
                return Posix.listXattrs(d).contains(Xattr.ACL_DEFAULT);
            } catch (IOException unreadable) {
                return true;
            }
        });
    }

    /** Sets the entry's xattrs and removes any the object got by itself (a default ACL inherited from its directory). */
    private static void applyXattrs(Path p, Entry e, boolean lookForOthers) throws IOException {
        Set<String> wanted = new HashSet<>();
        for (Xattr x : e.xattrs()) {
            wanted.add(x.name());
            Posix.setXattr(p, x.name(), x.value());
        }
        if (!lookForOthers) {
            return;
        }
        for (String name : Posix.listXattrs(p)) {
            if (!wanted.contains(name) && (name.startsWith("system.posix_acl") || name.startsWith("user.")
                    || name.startsWith("trusted.") || name.equals("security.capability"))) {
                Posix.removeXattr(p, name);
            }
        }
    }

    /** One warning for all the owners a non-root deployment could not set. */
    public void report() {
        if (ownersNotSet.get() > 0) {
            progress.warning("not running as root: owners of " + ownersNotSet.get() + " entries were not set");
        }
    }
}
