package org.flar.deploy.chain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.flar.deploy.DeployResult;
import org.flar.deploy.Deployer;
import org.flar.format.FlashArchiveReader;
import org.flar.format.Identification;
import org.flar.format.StateId;
import org.flar.fs.Beneath;
import org.flar.location.Location;
import org.flar.progress.Progress;

/**
 * Deploys a full archive and differentials, or differentials alone, in the order given. The
 * chain is checked from the archives' text sections before the first is applied — each
 * differential's base must be the state the previous one produces (or, for the first, the
 * target's recorded state) — so a wrong order is refused with nothing changed. After each
 * archive the target records its new state.
 */
public final class ChainDeploy {
    private final Path target;
    private final boolean masterCheck;
    private final Progress progress;
    private boolean recordState = true;
    private Deployer.BeforeEntries also = (archive, root) -> { };
    private Deployer.BeforeEntries beforeWrites = (archive, root) -> { };
    private Deployer.BeforeEntries admission = (archive, root) -> { };
    private Predicate<String> leftToClone = path -> false;

    public ChainDeploy(Path target, boolean masterCheck, Progress progress) {
        this.target = target;
        this.masterCheck = masterCheck;
        this.progress = progress;
    }

    /** Whether to write {@link StateFile}: the one file a deployment adds to what the archive holds. */
    public ChainDeploy recordState(boolean record) {
        this.recordState = record;
        return this;
    }

    /**
     * Also called with each archive's text sections before the differential's checks and its
     * entries, and again after its entries (the identity step reads the identity section and
     * keeps a clone's own identity files here, so it works from standard input too).
     */
    public ChainDeploy also(Deployer.BeforeEntries sections) {
        this.also = sections;
        return this;
    }

    /**
     * Called first with each archive's text sections, before anything else looks at the target:
     * whether it may be deployed at all (its signature by a trusted key).
     */
    public ChainDeploy admitting(Deployer.BeforeEntries check) {
        this.admission = check;
        return this;
    }

    /**
     * Called with each archive once every check passed (a differential's drift included) and
     * before its first write: the predeployment scripts.
     */
    public ChainDeploy beforeWrites(Deployer.BeforeEntries hook) {
        this.beforeWrites = hook;
        return this;
    }

    /**
     * Paths a differential's drift check does not count (a clone's identity files, which differ
     * from the master's by design); the identity step puts the clone's own back afterwards.
     */
    public ChainDeploy leaveToClone(Predicate<String> paths) {
        this.leftToClone = paths;
        return this;
    }

    /**
     * Archives in order; each is read twice, the chain's order checked from all their text
     * sections first (a remote archive's payload is not fetched for that).
     */
    public List<DeployResult> deploy(List<? extends Location> archives) throws IOException {
        if (masterCheck) {
            checkOrder(archives);
        }
        List<DeployResult> results = new ArrayList<>();
        for (Location a : archives) {
            try (InputStream in = a.read()) {
                results.add(deploy(in, a.toString()));
            }
        }
        return results;
    }

    public DeployResult deploy(InputStream in, String name) throws IOException {
        DifferentialDeploy diff = new DifferentialDeploy(masterCheck, progress).leaveToClone(leftToClone);
        return new Deployer(target, progress).deploy(in, name, new Deployer.BeforeEntries() {
            @Override
            public void prepare(FlashArchiveReader archive, Beneath root) throws IOException {
                admission.prepare(archive, root);
                if (recordState) {
                    StateFile.checkWritable(archive, root);
                }
                also.prepare(archive, root);
                diff.check(archive, root);
                beforeWrites.prepare(archive, root);
                diff.apply(archive, root);
            }

            @Override
            public void finish(FlashArchiveReader archive, Beneath root) throws IOException {
                diff.finish(archive, root);
                also.finish(archive, root);
                if (recordState) {
                    // Still under the deployment's lock, through its root.
                    Identification id = archive.identification();
                    Map<String, String> record = new LinkedHashMap<>();
                    record.put(Identification.STATE_SHA256, archive.preflight().stateId());
                    record.put(Identification.CONTENT_NAME, id.get(Identification.CONTENT_NAME));
                    record.put(Identification.ARCHIVE_ID, id.get(Identification.ARCHIVE_ID));
                    record.put(Identification.TYPE, id.get(Identification.TYPE));
                    StateFile.write(root, record);
                }
            }
        });
    }

    /**
     * Every check a deployment of the archive in {@code in} makes before its first write —
     * admission (signature), recorded state, drift, free space — reading only its text
     * sections (the payload may be absent) and writing nothing.
     *
     * @return false when the target is already in the state the archive produces (nothing to do)
     */
    public boolean check(InputStream in, String name) throws IOException {
        try (Beneath root = Beneath.open(target); FlashArchiveReader archive = FlashArchiveReader.open(in, name)) {
            admission.prepare(archive, root);
            String recorded = StateFile.read(root).get(Identification.STATE_SHA256);
            if (archive.preflight().stateId().equals(recorded)) {
                return false;
            }
            also.prepare(archive, root);
            new DifferentialDeploy(masterCheck, progress).leaveToClone(leftToClone).check(archive, root);
            long needed = Long.parseLong(archive.identification().get(Identification.FILES_UNARCHIVED_SIZE));
            long free = Files.getFileStore(target).getUsableSpace();
            if (needed > free) {
                throw new IOException(target + ": " + needed + " bytes of files to write, " + free + " bytes free");
            }
            return true;
        }
    }

    private void checkOrder(List<? extends Location> archives) throws IOException {
        String state = StateFile.read(target).get(Identification.STATE_SHA256);
        String previous = "the target " + target;
        for (Location a : archives) {
            try (InputStream in = a.readSections();
                 FlashArchiveReader r = FlashArchiveReader.open(in, a.toString())) {
                Identification id = r.identification();
                if (StateId.isDifferential(id)) {
                    String base = id.get(Identification.BASE_STATE_SHA256);
                    if (base != null && !base.equals(state)) {
                        throw new DriftException(a + ": wrong order or base: it applies to state " + base + " ("
                                + id.get(Identification.BASE_CONTENT_NAME) + ") but " + previous + " leaves state "
                                + (state == null ? "unknown" : state) + "; nothing was changed");
                    }
                }
                state = StateId.of(r);
                previous = a.toString();
            }
        }
    }
}
