package org.flar.deploy.chain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.flar.entry.ContentDigest;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveReader;
import org.flar.format.ManifestEntry;
import org.flar.format.ManifestReader;
import org.flar.fs.Beneath;
import org.flar.fs.FileStat;
import org.flar.fs.PathEntry;
import org.flar.fs.Posix;
import org.flar.fs.UnsafePathException;

/**
 * The check before a differential changes anything: every entry it replaces or deletes must
 * still be what the base said (content by sha256, and metadata), or the clone drifted and the
 * differential would overwrite local work. Directory mtimes are not compared: they change with
 * every file added or removed in them, including by flar's own state file.
 */
final class Drift {
    private static final int LISTED = 20;

    private Drift() {
    }

    /**
     * The drifted entries, each "path (what differs)"; empty when the target matches the base.
     * Entries {@code leftToClone} accepts (a
     * clone's identity files, which differ from the master's by design) are not drift: those
     * that differ go to {@code left} instead.
     */
    static List<String> find(FlashArchiveReader archive, Beneath target, Predicate<String> leftToClone,
            List<String> left) throws IOException {
        List<String> drifted = new ArrayList<>();
        try (InputStream in = archive.sectionStream(FlashArchive.BASE);
             ManifestReader base = new ManifestReader(in, archive.name() + " (base)", -1)) {
            for (ManifestEntry m; (m = base.next()) != null; ) {
                String what = differs(m, target);
                if (what != null) {
                    (leftToClone.test(m.path()) ? left : drifted).add(m.path() + " (" + what + ")");
                }
            }
        }
        return drifted;
    }

    private static String differs(ManifestEntry m, Beneath target) throws IOException {
        Path p;
        Entry actual;
        try {
            p = target.resolve(m.path());
            FileStat st = Posix.lstat(p);
            Entry.Builder b = PathEntry.of(p, m.path(), st);
            actual = st.isRegular() ? b.sha256(ContentDigest.ofFile(p)).build() : b.build();
        } catch (UnsafePathException linked) {
            return "a symlink or a file on the way";
        } catch (NoSuchFileException gone) {
            return "missing";
        }
        Entry expected = m.entry();
        if (expected.type() == EntryType.HARDLINK) {
            if (actual.type() != EntryType.FILE) {
                return "type hardlink != " + actual.type().keyword();
            }
            try {
                return Posix.lstat(p).ino() == Posix.lstat(target.resolve(expected.linkTarget())).ino() ? null
                        : "no longer a hardlink to " + expected.linkTarget();
            } catch (NoSuchFileException | UnsafePathException gone) {
                return "its link " + expected.linkTarget() + " is missing";
            }
        }
        if (expected.type() == EntryType.DIRECTORY && actual.type() == EntryType.DIRECTORY) {
            actual = actual.toBuilder().mtimeNanos(expected.mtimeNanos()).build();
        }
        String d = m.differences(actual);
        return d.isEmpty() ? null : d;
    }

    static String describe(List<String> drifted) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(LISTED, drifted.size()); i++) {
            b.append(i == 0 ? "" : "; ").append(drifted.get(i));
        }
        if (drifted.size() > LISTED) {
            b.append("; and ").append(drifted.size() - LISTED).append(" more");
        }
        return b.toString();
    }
}
