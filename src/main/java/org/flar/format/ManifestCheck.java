package org.flar.format;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.flar.entry.EntryType;

/**
 * What a manifest shows about safety, checked for the whole archive before anything is written
 * (the payload follows in the same order, so an entry's fault would otherwise surface only after
 * its predecessors were put in place): the root "." is a directory; no entry lies below a
 * symlink of the same archive; every hardlink names a regular file of the resulting state.
 * Names, order and duplicates are checked by {@link ManifestReader} on the same pass.
 *
 * <p>Entries below a symlink follow it directly (a "/" sorts before every other character), so
 * remembering the last symlink is enough. Hardlink targets are collected on the first pass and
 * their types looked up on a second one over the resulting state.
 */
final class ManifestCheck {
    /** More distinct hardlink targets than this is no system anyone captured: refused before memory is spent on it. */
    static final int MAX_HARDLINK_TARGETS = 1 << 20;

    private ManifestCheck() {
    }

    static void check(FlashArchiveReader archive, boolean differential) throws IOException {
        String name = archive.name();
        Map<String, String> hardlinkTargets = new HashMap<>();
        String symlink = null;
        try (ManifestReader m = archive.manifest()) {
            for (ManifestEntry e; (e = m.next()) != null; ) {
                String path = e.path();
                EntryType type = e.entry().type();
                if (path.equals(".") && type != EntryType.DIRECTORY) {
                    throw new UnsafeArchiveException(name + ": the root entry '.' is a " + type.keyword()
                            + ", not a directory: refused (it would replace the target itself)");
                }
                if (symlink != null && path.startsWith(symlink) && path.charAt(symlink.length()) == '/') {
                    throw new UnsafeArchiveException(name + ": entry '" + path + "' at manifest line " + m.lineNumber()
                            + " is unsafe: it lies below the symlink '" + symlink + "' of the same archive (would write through it)");
                }
                if (type == EntryType.SYMLINK) {
                    symlink = path;
                }
                if (type == EntryType.HARDLINK) {
                    hardlinkTargets.putIfAbsent(e.entry().linkTarget(), path);
                    if (hardlinkTargets.size() > MAX_HARDLINK_TARGETS) {
                        throw new UnsafeArchiveException(name + ": more than " + MAX_HARDLINK_TARGETS
                                + " files with hardlinks: refused");
                    }
                }
            }
        }
        if (!hardlinkTargets.isEmpty()) {
            checkHardlinkTargets(archive, differential, hardlinkTargets);
        }
    }

    /** Every target must be a regular file in the state the archive leaves: its manifest, or a differential's state section. */
    private static void checkHardlinkTargets(FlashArchiveReader archive, boolean differential, Map<String, String> targets)
            throws IOException {
        String section = differential ? FlashArchive.STATE : FlashArchive.MANIFEST;
        try (ManifestReader state = differential
                ? new ManifestReader(archive.sectionStream(section), archive.name() + " (state)", -1)
                : archive.manifest()) {
            for (ManifestEntry e; (e = state.next()) != null && !targets.isEmpty(); ) {
                String link = targets.remove(e.path());
                if (link != null && e.entry().type() != EntryType.FILE) {
                    throw new UnsafeArchiveException(archive.name() + ": hardlink '" + link + "' names '" + e.path()
                            + "', which is a " + e.entry().type().keyword() + ", not a regular file");
                }
            }
        }
        if (!targets.isEmpty()) {
            var t = targets.entrySet().iterator().next();
            throw new UnsafeArchiveException(archive.name() + ": hardlink '" + t.getValue() + "' names '" + t.getKey()
                    + "', which is not in the " + (differential ? "state the differential leaves" : "archive"));
        }
    }
}
