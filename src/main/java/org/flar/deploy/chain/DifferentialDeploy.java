package org.flar.deploy.chain;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.flar.deploy.Deployer;
import org.flar.entry.EntryType;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveReader;
import org.flar.format.Identification;
import org.flar.format.ManifestEntry;
import org.flar.format.ManifestReader;
import org.flar.format.Preflight;
import org.flar.fs.Beneath;
import org.flar.fs.Posix;
import org.flar.progress.Progress;

/**
 * What deploying a differential does before its payload: check that the target is in the
 * differential's base state (its recorded state id, then every entry it replaces or deletes),
 * then apply the deletions and the new metadata of files whose content stays. Everything is
 * checked before the first change; a refusal leaves the target untouched. A full archive passes
 * through.
 */
final class DifferentialDeploy implements Deployer.BeforeEntries {
    private final boolean masterCheck;
    private final Progress progress;
    private List<String> deleted = List.of();
    private Predicate<String> leftToClone = path -> false;

    DifferentialDeploy(boolean masterCheck, Progress progress) {
        this.masterCheck = masterCheck;
        this.progress = progress;
    }

    /** Paths that are the clone's own (its identity): not counted as drift, reported. */
    DifferentialDeploy leaveToClone(Predicate<String> paths) {
        this.leftToClone = paths;
        return this;
    }

    @Override
    public void prepare(FlashArchiveReader archive, Beneath target) throws IOException {
        check(archive, target);
        apply(archive, target);
    }

    /** Every check, nothing changed. */
    void check(FlashArchiveReader archive, Beneath target) throws IOException {
        Preflight facts = archive.preflight();
        if (!facts.differential()) {
            return;
        }
        Identification id = archive.identification();
        String name = archive.name();
        if (masterCheck) {
            checkRecordedState(id, name, target);
        }
        // Refused even with --no-master-check: the differential does not carry their content.
        MetadataOnly.checkTarget(archive, target);
        Deletions deletions = new Deletions(facts.deletions());
        deletions.checkTarget(target, name);
        if (masterCheck) {
            List<String> left = new ArrayList<>();
            List<String> drifted = Drift.find(archive, target, leftToClone, left);
            if (!left.isEmpty()) {
                progress.warning(name + ": " + left.size() + " identity path(s) differ from the master's and are the "
                        + "clone's own, not drift: " + Drift.describe(left));
            }
            if (!drifted.isEmpty()) {
                throw new DriftException(name + ": " + target.root() + " drifted from the base in " + drifted.size()
                        + " entr" + (drifted.size() == 1 ? "y" : "ies") + "; nothing was changed (--no-master-check"
                        + " applies it anyway): " + Drift.describe(drifted));
            }
        }
    }

    /** The first changes, after {@link #check}: deletions and metadata-only files. */
    void apply(FlashArchiveReader archive, Beneath target) throws IOException {
        Preflight facts = archive.preflight();
        if (!facts.differential()) {
            return;
        }
        new Deletions(facts.deletions()).apply(target, progress);
        this.deleted = facts.deletions();
        MetadataOnly.apply(archive, target, progress);
    }

    /**
     * Putting a file in place (or deleting one) changes its directory's mtime; a directory that
     * did not change on the master is not in the payload, so its time is put back from the
     * state section, which has every directory of the resulting state.
     */
    @Override
    public void finish(FlashArchiveReader archive, Beneath root) throws IOException {
        if (!archive.preflight().differential()) {
            return;
        }
        Set<String> parents = new HashSet<>();
        for (String p : deleted) {
            parents.add(parent(p));
        }
        try (ManifestReader m = archive.manifest()) {
            for (ManifestEntry e; (e = m.next()) != null; ) {
                if (!e.path().equals(".")) {
                    parents.add(parent(e.path()));
                }
            }
        }
        try (InputStream in = archive.sectionStream(FlashArchive.STATE);
             ManifestReader state = new ManifestReader(in, archive.name() + " (state)", -1)) {
            for (ManifestEntry e; (e = state.next()) != null && !parents.isEmpty(); ) {
                if (parents.remove(e.path()) && e.entry().type() == EntryType.DIRECTORY && root.isDirectory(e.path())) {
                    Posix.setTimes(root.resolve(e.path()), e.entry().mtimeNanos(), e.entry().mtimeNanos());
                }
            }
        }
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "." : path.substring(0, slash);
    }

    private void checkRecordedState(Identification id, String name, Beneath target) throws IOException {
        String expected = id.get(Identification.BASE_STATE_SHA256);
        if (expected == null) {
            progress.warning(name + ": made against a directory (" + id.get(Identification.BASE_CONTENT_NAME)
                    + "), not an archive: only the entries it touches are checked");
            return;
        }
        Map<String, String> recorded = StateFile.read(target);
        String found = recorded.get(Identification.STATE_SHA256);
        if (!expected.equals(found)) {
            throw new DriftException(name + ": wrong base: the differential applies to state " + expected + " ("
                    + id.get(Identification.BASE_CONTENT_NAME) + ") but " + target.root() + " is "
                    + (found == null ? "not a flar deployment (no " + StateFile.PATH + ")"
                    : "in state " + found + " (" + recorded.getOrDefault(Identification.CONTENT_NAME, "?") + ")")
                    + "; nothing was changed");
        }
    }
}
