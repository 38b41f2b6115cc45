package org.flar.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.List;
import org.flar.identity.CloneStep;
import org.flar.job.Deployment;
import org.flar.identity.sysidcfg.Sysidcfg;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deploy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Restore a flash archive into a target root.",
            "",
            "Every entry is checked against the manifest before it is put in place: files are written under a "
                    + "temporary name, verified against their SHA-256 and only then renamed. Owners, modes "
                    + "(setuid/setgid/sticky), nanosecond mtimes, xattrs of every namespace, ACLs, holes, hardlinks, "
                    + "device nodes and fifos are restored; directories get their metadata last. Entries that would "
                    + "land outside the target are refused. Device nodes need root: without it they are skipped with "
                    + "a warning.",
            "",
            "A full archive of an OS root is deployed as a CLONE: after extraction the target's identity is removed "
                    + "per profile, as 'flar unconfig' does (host name, machine-id set to 'uninitialized', network "
                    + "configuration, DHCP leases, root password locked, ...) and new ssh host keys are made; "
                    + "--sysidcfg then configures it. "
                    + "--keep-identity deploys it as the same machine instead (recovery). An archive of a tree that is "
                    + "not an OS root is deployed as-is. Differentials alone leave the clone's identity alone.",
            "",
            "Deployment scripts (docs/scripts.md): each archive's predeployment scripts run on this host once the "
                    + "archive and the target passed every check, before the first write; after the chain and the "
                    + "identity step its postdeployment scripts, then the target's own /etc/flash/local_customization "
                    + "ones, run chrooted into the target; reboot scripts are left to a systemd unit that runs them "
                    + "on the first boot and removes itself. Each gets FLAR_PHASE, FLAR_SCRIPT, FLAR_ROOT, FLAR_TARGET, "
                    + "FLAR_ARCHIVE, FLAR_CONTENT_NAME, FLAR_MODE and FLAR_HOSTNAME; the first to fail stops the "
                    + "deployment (exit 7)."},
        footer = {"", "Examples:",
            "  flar deploy -R /mnt/target web01.flar",
            "  flar deploy -R /mnt/target --keep-identity web01.flar     # recovery",
            "  flar deploy -R /mnt/target --sysidcfg web02.cfg golden.flar",
            "  ssh store 'cat web01.flar' | flar deploy -R /mnt/target -", ExitCode.HELP})
final class DeployCommand implements Callable<Integer> {
    @Option(names = {"-R", "--root"}, paramLabel = "TARGET", required = true, description = "Directory to restore into (created if missing).")
    Path target;

    @Option(names = "--no-master-check", description = "Apply differentials without checking that the target is in "
            + "their base state (recorded state, and every file they replace or delete); Solaris' no_master_check. "
            + "Files whose metadata alone changed must still hold the base's content: they are checked anyway.")
    boolean noMasterCheck;

    @Option(names = "--no-state", description = "Do not record the deployed state in var/lib/flar/state (the target "
            + "is then exactly the archive's content; differentials onto it need --no-master-check).")
    boolean noState;

    @Option(names = "--check", description = "Only check: read the archive's text sections (a payload is not needed), "
            + "make every check a deployment makes before its first write (signature, recorded state, drift, free "
            + "space) and say 'ready' or 'done' (the target is at the archive's state already); write nothing. One "
            + "archive. Refusals exit as deploying would (4, 6).")
    boolean check;

    @Option(names = "--keep-identity", description = "Recovery, not a clone: keep the machine's identity as captured and "
            + "put back the identity saved with the archive (its identity section, or --identity).")
    boolean keepIdentity;

    @Option(names = "--identity", paramLabel = "BUNDLE", description = "With --keep-identity: the identity bundle saved with "
            + "the archive ('flar create --save-identity'); refused unless it belongs to the archive.")
    Path identityBundle;

    @Option(names = "--sysidcfg", paramLabel = "FILE", description = "Configure the clone from this Solaris sysidcfg file "
            + "(host name, interfaces, DNS, time zone, locale, root password ...; see docs/sysidcfg.md) after its identity "
            + "was removed. The file is read and checked before anything is deployed: a bad one changes nothing (exit 2).")
    Path sysidcfg;

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", description = "Identity profile to unconfigure the clone "
            + "with: linux, solaris or a profile file (default: from the target's os-release).")
    String profile;

    @Mixin
    ScriptOptions scripts;

    @Mixin
    TrustOptions trust;

    @Mixin
    CommonOptions common;

    @Mixin
    LocationOptions locations;

    @Parameters(paramLabel = "ARCHIVE", arity = "1..*", description = "The archives in order: a full archive and/or "
            + "differentials, each a file, an http(s):// URL or s3://BUCKET/KEY, or - for standard input (alone).")
    List<String> archives;

    private static String describe(CloneStep.Result i) {
        return switch (i.mode()) {
            case CLONE -> "clone: identity removed per profile " + i.profile() + " (" + i.changed().size() + " path(s))"
                    + (i.created().isEmpty() ? "" : ", " + i.created().size() + " new ssh host key file(s)");
            case CONFIGURED -> "clone: identity removed per profile " + i.profile() + ", configured from the sysidcfg ("
                    + i.configured().size() + " file(s) written: " + String.join(" ", i.configured()) + ")";
            case RECOVERY -> "recovery: saved identity put back (profile " + i.profile() + ")";
            case AS_IS, DIFFERENTIAL -> "note: " + i.note();
        };
    }

    @Override
    public Integer call() throws IOException {
        if (identityBundle != null && !keepIdentity) {
            throw new IllegalArgumentException("--identity BUNDLE puts a saved identity back: it needs --keep-identity");
        }
        if ((profile != null || sysidcfg != null) && keepIdentity) {
            throw new IllegalArgumentException((profile != null ? "--profile" : "--sysidcfg")
                    + " is for a clone: not with --keep-identity (recovery keeps the saved identity)");
        }
        Deployment deployment = Deployment.onto(target).masterCheck(!noMasterCheck).recordState(!noState).profile(profile)
                .locations(locations.settings()).scripts(scripts.limit()).trusting(trust.load());
        if (keepIdentity) {
            deployment.recovery(identityBundle);
        }
        if (sysidcfg != null) {
            deployment.configured(Sysidcfg.parse(sysidcfg));
        }
        TerminalProgress progress = common.progress();
        if (check) {
            if (archives.size() != 1) {
                throw new IllegalArgumentException("--check checks one archive (for a chain: the first not yet applied)");
            }
            boolean ready;
            try {
                ready = deployment.check(archives.getFirst(), progress);
            } finally {
                progress.done();
            }
            String status = ready ? "ready" : "done";
            if (common.json) {
                Json.print(common.out(), java.util.Map.of("status", status, "target", target.toString(),
                        "archive", archives.getFirst(), "version", org.flar.Version.VERSION));
            } else {
                common.out().println(target + ": " + status + (ready ? ": " + archives.getFirst() + " applies"
                        : ": already at the state " + archives.getFirst() + " produces"));
            }
            return ExitCode.OK;
        }
        Deployment.Result r;
        try {
            r = deployment.run(archives, progress);
        } finally {
            progress.done();
        }
        if (common.json) {
            Json.print(common.out(), Json.with("archives", archives, r));
        } else if (!common.quiet) {
            common.err().printf("flar: deployed %d entries, %s, into %s%s%n", r.entries(), Sizes.human(r.bytes()), target,
                    r.devicesSkipped() > 0 ? " (" + r.devicesSkipped() + " device nodes skipped: not root)" : "");
            common.err().println("flar: " + describe(r.identity()));
            if (r.scriptsRun() + r.rebootScripts() > 0) {
                common.err().println("flar: " + r.scriptsRun() + " deployment script(s) run" + (r.rebootScripts() == 0 ? ""
                        : ", " + r.rebootScripts() + " left to the first boot (/etc/systemd/system/flar-reboot.service)"));
            }
        }
        return ExitCode.OK;
    }
}
