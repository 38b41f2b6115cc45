package org.flar.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.flar.deploy.DeployResult;
import org.flar.deploy.chain.ChainDeploy;
import org.flar.identity.CloneStep;
import org.flar.identity.HostKeys;
import org.flar.identity.sysidcfg.Sysidcfg;
import org.flar.location.Location;
import org.flar.location.LocationSettings;
import org.flar.location.Locations;
import org.flar.progress.Progress;

/**
 * A chain of archives onto a target, as {@code flar deploy} (and whatever installs machines
 * next) asks for it: a clone by default, configured from a sysidcfg when one is given, or a
 * recovery that keeps (and puts back) the machine's identity. One archive or many, from files
 * or standard input ("-", alone), are opened the same way. Built with {@link #onto}.
 */
public final class Deployment {
    /**
     * @param identity what became of the target: its {@link CloneStep.Mode} and the paths touched
     */
    public record Result(long entries, long bytes, long devicesSkipped, CloneStep.Result identity) {
    }

    private final Path target;
    private boolean masterCheck = true;
    private boolean recordState = true;
    private boolean keepIdentity;
    private Path identityBundle;
    private String profile;
    private Sysidcfg sysidcfg;
    private String keygen = "ssh-keygen";
    private LocationSettings locations = LocationSettings.DEFAULT;

    private Deployment(Path target) {
        this.target = target;
    }

    public static Deployment onto(Path target) {
        return new Deployment(target);
    }

    /** Whether differentials are checked against the target's state and files (Solaris' master check). */
    public Deployment masterCheck(boolean check) {
        this.masterCheck = check;
        return this;
    }

    /** Whether the deployed state is recorded in the target (var/lib/flar/state). */
    public Deployment recordState(boolean record) {
        this.recordState = record;
        return this;
    }

    /** Recovery: the identity saved with the archive is put back; {@code bundle}, when not null, instead of its section. */
    public Deployment recovery(Path bundle) {
        this.keepIdentity = true;
        this.identityBundle = bundle;
        return this;
    }

    /** A clone unconfigured with this profile (a built-in name or a file) rather than the detected one. */
    public Deployment profile(String spec) {
        this.profile = spec;
        return this;
    }

    /** A clone configured from {@code config}, checked already (it was parsed). */
    public Deployment configured(Sysidcfg config) {
        this.sysidcfg = config;
        return this;
    }

    /** The ssh-keygen that makes a clone's new host keys. */
    public Deployment keygen(String program) {
        this.keygen = program;
        return this;
    }

    /** How http(s):// and s3:// archives are reached. */
    public Deployment locations(LocationSettings settings) {
        this.locations = settings;
        return this;
    }

    /**
     * Deploys {@code archives} in order: files, http(s):// or s3:// locations, or "-" for
     * standard input (then the only one).
     */
    public Result run(List<String> archives, Progress progress) throws IOException {
        if (archives.isEmpty()) {
            throw new IllegalArgumentException("no archive to deploy");
        }
        if (archives.size() > 1 && archives.contains("-")) {
            throw new IllegalArgumentException("standard input (-) can only be the one archive");
        }
        try (CloneStep clone = new CloneStep(target, progress, new HostKeys(keygen, progress)).profile(profile)) {
            if (keepIdentity) {
                clone.keepIdentity(identityBundle);
            }
            if (sysidcfg != null) {
                clone.configure(sysidcfg);
            }
            ChainDeploy chain = new ChainDeploy(target, masterCheck, progress).recordState(recordState)
                    .also(clone.sections()).leaveToClone(clone.leftToClone());
            List<Location> located = archives.stream().map(a -> Locations.of(a, locations, progress)).toList();
            List<DeployResult> all;
            if (located.size() == 1) {
                // Read once (it may be a pipe): the differential's own base check stands in for the order check.
                try (InputStream in = located.getFirst().read()) {
                    all = List.of(chain.deploy(in, located.getFirst().toString()));
                }
            } else {
                all = chain.deploy(located);
            }
            CloneStep.Result identity = clone.finish();
            return new Result(all.stream().mapToLong(DeployResult::entries).sum(),
                    all.stream().mapToLong(DeployResult::bytes).sum(),
                    all.stream().mapToLong(DeployResult::devicesSkipped).sum(), identity);
        }
    }
}
