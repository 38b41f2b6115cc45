package org.flar.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;

/**
 * When a differential may take an entry as its base's line from lstat alone, without listing its
 * xattrs or reading its symlink: when its ctime shows that nothing of its inode changed since
 * before the base's walk began, and the base was captured from this very tree. Linux sets an
 * inode's ctime to the current time on every change — content, mode, owner, xattrs and ACLs, link
 * count, rename — and no system call sets it to anything else. docs/format.md ("Unchanged entries
 * and ctime") says when that can be trusted: the same tree, and a clock that did not go back.
 */
final class CtimeTrust {
    /**
     * ctime is taken from the kernel's coarse clock, up to a tick behind the clock the walk's start
     * was read from: a change just after the start could carry a ctime just before it.
     */
    static final long MARGIN_NANOS = 1_000_000_000L;
    static final CtimeTrust NONE = new CtimeTrust(Long.MIN_VALUE);

    private static final Pattern STARTED = Pattern.compile("([1-9][0-9]{0,10})\\.([0-9]{9})");
    private static final Pattern ROOT = Pattern.compile("[0-9]{1,20}:[0-9]{1,20}:-?[0-9]{1,20}");

    /** ctimes before this (nanoseconds since the epoch) are trusted. */
    private final long before;

    private CtimeTrust(long before) {
        this.before = before;
    }

    /**
     * The identity of the tree at {@code root}: device, inode and birth time of its directory, as
     * {@code DEV:INO:BTIME}; null where the file system records no birth time. A copy, a restore or
     * a clone made by deployment has another birth time; a snapshot has another device.
     */
    static String rootIdentity(Path root) throws IOException {
        FileStat st = Posix.lstat(root); // first, so that a missing root fails as the walk would
        long born = Posix.birthTime(root);
        if (born == Long.MIN_VALUE) {
            return null;
        }
        return Long.toUnsignedString(st.dev()) + ":" + Long.toUnsignedString(st.ino()) + ":" + born;
    }

    /** {@code creation_started}'s spelling: seconds and nanoseconds since the epoch, as a manifest's mtime. */
    static String formatStarted(long nanos) {
        return Math.floorDiv(nanos, 1_000_000_000L) + "." + String.format("%09d", Math.floorMod(nanos, 1_000_000_000L));
    }

    /**
     * The trust a base earns: {@code started} and {@code root} are its {@code creation_started} and
     * {@code creation_root} (null when it has none: an archive of an older flar, one made where the
     * file system records no birth time), {@code rootNow} and {@code nowNanos} this capture's. A
     * value spelt otherwise than flar writes it earns none, as does a clock now behind the base's.
     */
    static CtimeTrust of(String started, String root, String rootNow, long nowNanos) {
        if (started == null || root == null || rootNow == null || !ROOT.matcher(root).matches() || !root.equals(rootNow)) {
            return NONE;
        }
        Matcher m = STARTED.matcher(started);
        if (!m.matches()) {
            return NONE;
        }
        long t;
        try {
            t = Math.addExact(Math.multiplyExact(Long.parseLong(m.group(1)), 1_000_000_000L), Long.parseLong(m.group(2)));
        } catch (ArithmeticException tooLate) {
            return NONE;
        }
        if (nowNanos < t) {
            return NONE; // the clock went back since the base's walk: ctimes order nothing
        }
        return new CtimeTrust(t - MARGIN_NANOS);
    }

    /**
     * Whether the entry lstat found as {@code st} (of {@code type}, as the walk decided it) is the
     * base's {@code base} unchanged. A hardlink's later name is always scanned: the differential may
     * have to send it again with its file.
     */
    boolean unchanged(FileStat st, EntryType type, Entry base) {
        if (st.ctimeNanos() >= before || type == EntryType.HARDLINK || base.type() != type) {
            return false;
        }
        boolean same = base.mode() == st.permissions() && base.uid() == st.uid() && base.gid() == st.gid()
                && base.mtimeNanos() == st.mtimeNanos();
        return same && switch (type) {
            case FILE -> base.size() == st.size();
            case CHAR_DEVICE, BLOCK_DEVICE -> base.devMajor() == st.rdevMajor() && base.devMinor() == st.rdevMinor();
            default -> true;
        };
    }
}
