package org.flar.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flar.deploy.Deployer;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveReader;
import org.flar.format.Identification;
import org.flar.progress.Progress;

/**
 * What {@code flar deploy} does with identity after {@link Deployer} restored an archive as it
 * is (the library's Deployer never changes what it restores: the rescue system's restore needs
 * it exact). Register {@link #sections()} with the deployment to see the archive's identity
 * section, then call {@link #makeClone} (the default: unconfigure per profile, new ssh host
 * keys) or {@link #keepIdentity} (recovery: put the saved identity back).
 */
public final class CloneStep {
    private final Progress progress;
    private final HostKeys keys;
    private byte[] identitySection;
    private String archiveId;
    private String archiveName;
    private boolean full;
    private IdentityBundle given;

    public CloneStep(Progress progress, HostKeys keys) {
        this.progress = progress;
        this.keys = keys;
    }

    /** What happened, for the report. */
    public record Result(String mode, String profile, List<String> changed, List<String> created, String note) {
    }

    /**
     * A bundle to put back instead of the archive's identity section, checked now, before
     * anything is deployed; the deployment then refuses an archive it does not belong to.
     */
    public CloneStep withBundle(Path bundleFile) throws IOException {
        this.given = IdentityBundle.open(bundleFile);
        return this;
    }

    /** Remembers the full archive's identity section and archive_id as it goes by. */
    public Deployer.BeforeEntries sections() {
        return archive -> {
            Identification id = archive.identification();
            if (!"DIFFERENTIAL".equals(id.get(Identification.TYPE))) {
                full = true;
                archiveId = id.get(Identification.ARCHIVE_ID);
                archiveName = archive.name();
                identitySection = archive.hasSection(FlashArchive.IDENTITY) ? archive.section(FlashArchive.IDENTITY) : null;
                if (given != null && !given.archiveId().equals(archiveId)) {
                    throw new ForeignBundleException(given.file() + ": identity saved from archive "
                            + (given.archiveId().isEmpty() ? "(none: saved by unconfig)" : given.archiveId())
                            + ", not from " + archive.name() + " (" + archiveId + "); nothing was deployed");
                }
            }
        };
    }

    /**
     * Unconfigures the freshly deployed target. Nothing is done after differentials alone (the
     * clone's identity is its own by then) nor to a tree that is not an OS root (with a note).
     */
    public Result makeClone(Path target, String profileSpec) throws IOException {
        if (!full) {
            return new Result("differential", null, List.of(), List.of(), "only differentials: the clone keeps its identity");
        }
        if (profileSpec == null && OsFamily.detect(target) == null) {
            return new Result("as-is", null, List.of(), List.of(), "not an OS root (no os-release): deployed as-is");
        }
        UnconfigPlan plan = ProfileChoice.forRoot(target, profileSpec).plan(target);
        Unconfigurer.Result r = new Unconfigurer(progress, keys).run(plan, null, null);
        return new Result("clone", plan.profile().name(), plan.changes().stream().map(Change::path).toList(), r.created(), null);
    }

    /**
     * Puts back the identity saved with the archive: the bundle given to {@link #withBundle}, or
     * else the archive's identity section. Either must be bound to the deployed archive.
     */
    public Result keepIdentity(Path target) throws IOException {
        if (!full) {
            return new Result("differential", null, List.of(), List.of(), "only differentials: the clone keeps its identity");
        }
        IdentityBundle bundle;
        Path tmp = null;
        try {
            if (given != null) {
                bundle = given;
            } else if (identitySection != null) {
                tmp = Files.createTempFile(".flar-identity-", ".bundle");
                bundle = IdentitySection.open(identitySection, archiveName, tmp);
            } else {
                return new Result("as-is", null, List.of(), List.of(), "the archive has no saved identity "
                        + "(--scrub-identity?): deployed as captured; give --identity BUNDLE to put one back");
            }
            new Reconfigurer(progress).restore(target, bundle, archiveId, false);
            return new Result("recovery", bundle.profile(), bundle.index().changes(), List.of(), null);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
