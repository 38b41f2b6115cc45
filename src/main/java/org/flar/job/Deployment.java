package org.flar.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.flar.deploy.DeployResult;
import org.flar.deploy.chain.ChainDeploy;
import org.flar.identity.CloneStep;
import org.flar.identity.HostKeys;
import org.flar.identity.sysidcfg.Sysidcfg;
import org.flar.format.FlashArchiveReader;
import org.flar.location.Location;
import org.flar.location.LocationSettings;
import org.flar.location.Locations;
import org.flar.progress.Progress;
import org.flar.signature.TrustedKeys;
import org.flar.scripts.DeploymentScripts;
import org.flar.scripts.ScriptEnvironment;
import org.flar.scripts.ScriptRunner;

/**
 * A chain of archives onto a target, as {@code flar deploy} (and whatever installs machines
 * next) asks for it: a clone by default, configured from a sysidcfg when one is given, or a
 * recovery that keeps (and puts back) the machine's identity. One archive or many, from files
 * or standard input ("-", alone), are opened the same way. Built with {@link #onto}.
 */
public final class Deployment {
    /**
     * @param identity what became of the target: its {@link CloneStep.Mode} and the paths touched
     * @param scriptsRun    deployment scripts run (predeployment, postdeployment, local_customization)
     * @param rebootScripts reboot scripts left to the first boot
     */
    public record Result(long entries, long bytes, long devicesSkipped, CloneStep.Result identity, int scriptsRun,
                         int rebootScripts) {
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
    private Duration scriptLimit = ScriptRunner.DEFAULT_LIMIT;
    private TrustedKeys trust = TrustedKeys.none();

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

    /** Each deployment script's time limit; null runs none (--no-scripts), not even the clone's local_customization. */
    public Deployment scripts(Duration limit) {
        this.scriptLimit = limit;
        return this;
    }

    /** The keys every archive of the chain must be signed by; none: no signature is required. */
    public Deployment trusting(TrustedKeys keys) {
        this.trust = keys;
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
     * What deploying {@code archive} (a file, a location or "-") would do, every check made and
     * nothing written: true when it applies, false when the target is at its state already; a
     * refusal is thrown as deploying would throw it. Only the text sections are read.
     */
    public boolean check(String archive, Progress progress) throws IOException {
        Location location = Locations.of(archive, locations, progress);
        try (CloneStep clone = new CloneStep(target, progress, new HostKeys(keygen, progress)).profile(profile);
             InputStream in = location.readSections()) {
            return new ChainDeploy(target, masterCheck, progress).also(clone.sections()).leaveToClone(clone.leftToClone())
                    .admitting((a, root) -> trust.check(a)).check(in, location.toString());
        }
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
            List<Location> located = archives.stream().map(a -> Locations.of(a, locations, progress)).toList();
            if (trust.required() && located.size() > 1) {
                // Each archive of a chain is checked before the first is deployed.
                for (Location a : located) {
                    try (InputStream in = a.readSections(); FlashArchiveReader r = FlashArchiveReader.open(in, a.toString())) {
                        trust.check(r);
                    }
                }
            }
            ChainDeploy chain = new ChainDeploy(target, masterCheck, progress).recordState(recordState)
                    .also(clone.sections()).leaveToClone(clone.leftToClone())
                    .admitting((archive, root) -> trust.check(archive));
            DeploymentScripts scripts = null;
            if (scriptLimit != null) {
                String asked = keepIdentity ? "recovery" : sysidcfg != null ? "configured" : "clone";
                String host = sysidcfg == null ? null : sysidcfg.effectiveHostname().orElse(null);
                scripts = new DeploymentScripts(target, new ScriptRunner(scriptLimit, progress),
                        new ScriptEnvironment(target.toString(), null, null, asked, host), progress);
                chain.beforeWrites(scripts.beforeWrites());
            }
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
            int ran = scripts == null ? 0 : scripts.afterChain(identity.mode().toString());
            return new Result(all.stream().mapToLong(DeployResult::entries).sum(),
                    all.stream().mapToLong(DeployResult::bytes).sum(),
                    all.stream().mapToLong(DeployResult::devicesSkipped).sum(), identity, ran,
                    scripts == null ? 0 : scripts.leftToFirstBoot());
        }
    }
}
