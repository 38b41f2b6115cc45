package org.flar.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.flar.deploy.Deployer;
import org.flar.fs.Beneath;
import org.flar.format.FlashArchiveReader;
import org.flar.format.Identification;
import org.flar.identity.bundle.ForeignBundleException;
import org.flar.identity.bundle.IdentityBundle;
import org.flar.identity.bundle.IdentitySection;
import org.flar.identity.bundle.Reconfigurer;
import org.flar.identity.profile.ProfileChoice;
import org.flar.identity.sysidcfg.Applied;
import org.flar.identity.sysidcfg.Sysidcfg;
import org.flar.identity.sysidcfg.SysidcfgApplier;
import org.flar.progress.Progress;

/**
 * What {@code flar deploy} does with identity around {@link Deployer}, which itself always
 * restores an archive exactly as it is (the rescue system's restore relies on that). Register
 * {@link #sections()} with the deployment (it sees each archive's identification and identity
 * section before its entries), then call {@link #finish()}.
 *
 * <ul>
 * <li>Clone (the default): after the whole chain, the target is unconfigured per profile and
 *     gets new ssh host keys, then, given a sysidcfg ({@link #configure}), configured from it.
 *     A tree that is not an OS root is left as it is, with a note.
 * <li>Recovery ({@link #keepIdentity}): the identity saved with the full archive (its identity
 *     section, or a bundle given) is put back right after the full archive, before any
 *     differential of the chain, so the differentials' own changes win.
 * <li>Differentials alone onto a clone: its identity files are not drift and keep the clone's
 *     own versions ({@link #leftToClone}, {@link CloneIdentityKeeper}).
 * </ul>
 */
public final class CloneStep implements AutoCloseable {
    private final Path target;
    private final Progress progress;
    private final HostKeys keys;
    private boolean keep;
    private IdentityBundle given;
    private String profileSpec;
    /** The full archive's identity section, checked before its entries, in a temporary file until the end. */
    private IdentityBundle sectionBundle;
    private Path sectionFile;
    private String archiveId;
    private String archiveName;
    private boolean full;
    private Result recovered;
    /** Differentials onto an existing clone: keeps its own identity files. */
    private CloneIdentityKeeper keeper;
    private int keptByDifferentials;
    private Sysidcfg sysidcfg;

    public CloneStep(Path target, Progress progress, HostKeys keys) {
        this.target = target;
        this.progress = progress;
        this.keys = keys;
    }

    /** What a deployment made of the target. Printed (and in --json) as its lower-case keyword. */
    public enum Mode {
        /** The master's identity removed, new ssh host keys. */
        CLONE("clone"),
        /** A clone, then configured from a sysidcfg. */
        CONFIGURED("configured"),
        /** The saved identity put back: the same machine. */
        RECOVERY("recovery"),
        /** Deployed exactly as it is: not an OS root, or no identity saved. */
        AS_IS("as-is"),
        /** Differentials only: the clone kept its own identity. */
        DIFFERENTIAL("differential");

        private final String keyword;

        Mode(String keyword) {
            this.keyword = keyword;
        }

        @Override
        public String toString() {
            return keyword;
        }
    }

    /**
     * What happened, for the report.
     *
     * @param configured the files a sysidcfg wrote (as the target sees them), in order
     * @param notApplied sysidcfg settings read but not applied, each with its reason
     */
    public record Result(Mode mode, String profile, List<String> changed, List<String> created, String note,
                         List<String> configured, List<String> notApplied) {
        Result(Mode mode, String profile, List<String> changed, List<String> created, String note) {
            this(mode, profile, changed, created, note, List.of(), List.of());
        }
    }

    /**
     * Configure the clone from {@code config} (parsed, and so checked, before anything was
     * deployed) once it is unconfigured: Solaris' sysidcfg step.
     */
    public CloneStep configure(Sysidcfg config) {
        this.sysidcfg = config;
        return this;
    }

    /** The profile to unconfigure a clone with (a built-in name or a file); null to detect it. */
    public CloneStep profile(String spec) {
        this.profileSpec = spec;
        return this;
    }

    /**
     * Recovery instead of a clone. {@code bundleFile}, when not null, is put back instead of
     * the archive's identity section; it is checked now, and the deployment refuses an archive
     * it does not belong to before anything is restored.
     */
    public CloneStep keepIdentity(Path bundleFile) throws IOException {
        this.keep = true;
        this.given = bundleFile == null ? null : IdentityBundle.open(bundleFile);
        return this;
    }

    /**
     * For {@code ChainDeploy.leaveToClone}: the identity paths of a clone that differentials
     * deployed onto it leave alone (only when the chain has no full archive and this is no recovery).
     */
    public Predicate<String> leftToClone() {
        return path -> keeper != null && keeper.covers(path);
    }

    public Deployer.BeforeEntries sections() {
        return new Deployer.BeforeEntries() {
            @Override
            public void prepare(FlashArchiveReader archive, Beneath root) throws IOException {
                seen(archive);
            }

            @Override
            public void finish(FlashArchiveReader archive, Beneath root) throws IOException {
                if (keeper != null) {
                    keeper.after();
                    keptByDifferentials += keeper.kept();
                }
            }
        };
    }

    private void seen(FlashArchiveReader archive) throws IOException {
        Identification id = archive.identification();
        if (archive.preflight().differential()) {
            if (sysidcfg != null && !full) {
                throw new IllegalArgumentException(archive.name() + ": a sysidcfg configures a clone made from a full "
                        + "archive, and this chain starts with a differential; nothing was deployed");
            }
            if (keep && full && recovered == null) {
                recovered = recover();
            }
            ProfileChoice choice = keep || full ? null : ProfileChoice.ifOsRoot(target, profileSpec);
            if (choice != null) {
                keeper = new CloneIdentityKeeper(target, choice, progress);
                keeper.before(archive);
            }
            return;
        }
        full = true;
        recovered = null;
        archiveId = id.get(Identification.ARCHIVE_ID);
        archiveName = archive.name();
        // Checked now, whether it will be used or not: verify refuses what is wrong with it, so deploy must too.
        dropSectionBundle();
        sectionFile = Files.createTempFile(".flar-identity-", ".bundle");
        sectionBundle = IdentitySection.check(archive, sectionFile);
        if (given != null && !given.archiveId().equals(archiveId)) {
            throw new ForeignBundleException(given.file() + ": identity saved from archive "
                    + (given.archiveId().isEmpty() ? "(none: saved by unconfig)" : given.archiveId())
                    + ", not from " + archive.name() + " (" + archiveId + "); nothing was deployed");
        }
    }

    /** After the deployment. */
    public Result finish() throws IOException {
        if (!full) {
            return new Result(Mode.DIFFERENTIAL, null, List.of(), List.of(), "only differentials: the clone keeps its identity"
                    + (keptByDifferentials > 0 ? " (" + keptByDifferentials + " identity path(s) of theirs left to it)" : ""));
        }
        if (keep) {
            return recovered != null ? recovered : recover();
        }
        ProfileChoice choice = ProfileChoice.ifOsRoot(target, profileSpec);
        if (choice == null) {
            return new Result(Mode.AS_IS, null, List.of(), List.of(), "not an OS root (no os-release): deployed as-is"
                    + (sysidcfg == null ? "" : "; the sysidcfg was not applied"));
        }
        UnconfigPlan plan = UnconfigPlan.of(target, choice);
        Unconfigurer.Result r = new Unconfigurer(progress, keys).run(plan, null, null);
        List<String> changed = plan.changes().stream().map(Change::path).toList();
        if (sysidcfg == null) {
            return new Result(Mode.CLONE, plan.profile().name(), changed, r.created(), null);
        }
        Applied applied = SysidcfgApplier.apply(sysidcfg, target);
        applied.notApplied().forEach(n -> progress.warning("sysidcfg: " + n));
        return new Result(Mode.CONFIGURED, plan.profile().name(), changed, r.created(), null, applied.written(),
                applied.notApplied());
    }

    private Result recover() throws IOException {
        try {
            IdentityBundle bundle = given != null ? given : sectionBundle;
            if (bundle == null) {
                return new Result(Mode.AS_IS, null, List.of(), List.of(), "the archive has no saved identity "
                        + "(--scrub-identity?): deployed as captured; give --identity BUNDLE to put one back");
            }
            new Reconfigurer(progress).restore(target, bundle, archiveId, false);
            return new Result(Mode.RECOVERY, bundle.profile(), bundle.changes(), List.of(), null);
        } finally {
            dropSectionBundle();
        }
    }

    /** Removes the temporary copy of the identity section, used or not (it holds the master's secrets). */
    @Override
    public void close() throws IOException {
        dropSectionBundle();
    }

    private void dropSectionBundle() throws IOException {
        sectionBundle = null;
        if (sectionFile != null) {
            Files.deleteIfExists(sectionFile);
            sectionFile = null;
        }
    }
}
