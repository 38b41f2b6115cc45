package org.flar.deploy.chain;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.entry.ContentDigest;
import org.flar.deploy.ExistingFiles;
import org.flar.entry.Entry;
import org.flar.format.FlashArchiveReader;
import org.flar.format.MetadataSection;
import org.flar.fs.FileStat;
import org.flar.fs.Beneath;
import org.flar.fs.Posix;
import org.flar.fs.UnsafePathException;
import org.flar.progress.Progress;

/**
 * A differential's metadata-only files (its {@code metadata} section): they keep their content on
 * the target and get new metadata. Since the differential does not carry that content, a file
 * whose content is not the base's cannot be made right: it is refused even with
 * --no-master-check, before anything changes.
 */
final class MetadataOnly {
    private MetadataOnly() {
    }

    /**
     * Checks that every metadata-only file on the target still holds the base's content and lies
     * below no symlink: refused otherwise, nothing changed.
     */
    static void checkTarget(FlashArchiveReader archive, Beneath root) throws IOException {
        List<String> drifted = new ArrayList<>();
        try (MetadataSection meta = MetadataSection.open(archive)) {
            for (Entry e; (e = meta.next()) != null; ) {
                String what = differs(root, e);
                if (what != null) {
                    drifted.add(e.path() + " (" + what + ")");
                }
            }
        }
        if (!drifted.isEmpty()) {
            throw new DriftException(archive.name() + ": " + root.root() + ": " + drifted.size() + " file"
                    + (drifted.size() == 1 ? "" : "s") + " whose metadata alone changed on the master cannot be"
                    + " updated in place (the differential does not carry their content); nothing was changed: "
                    + Drift.describe(drifted));
        }
    }

    /** Null when the target's file holds {@code e}'s content and lies below no symlink, else what differs. */
    private static String differs(Beneath root, Entry e) throws IOException {
        Path p;
        try {
            p = root.resolve(e.path());
        } catch (UnsafePathException on) {
            return "a symlink on the way";
        }
        FileStat st;
        try {
            st = Posix.lstat(p);
        } catch (NoSuchFileException gone) {
            return "missing";
        }
        if (!st.isRegular()) {
            return "not a regular file";
        }
        if (st.size() != e.size()) {
            return "size " + e.size() + " != " + st.size();
        }
        String sha256 = ContentDigest.ofFile(p);
        return sha256.equals(e.sha256()) ? null : "sha256 " + e.sha256() + " != " + sha256;
    }

    /** Gives every metadata-only file its new metadata; returns how many. */
    static long apply(FlashArchiveReader archive, Beneath root, Progress progress) throws IOException {
        ExistingFiles files = new ExistingFiles(root, archive.name(), progress);
        long n = 0;
        try (MetadataSection meta = MetadataSection.open(archive)) {
            for (Entry e; (e = meta.next()) != null; n++) {
                files.apply(e);
            }
        }
        files.report();
        return n;
    }
}
