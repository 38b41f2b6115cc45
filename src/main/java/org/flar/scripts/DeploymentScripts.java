package org.flar.scripts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flar.deploy.Deployer;
import org.flar.format.FlashArchiveReader;
import org.flar.format.Identification;
import org.flar.format.ScriptSection;
import org.flar.format.ScriptSection.Script;
import org.flar.fs.Beneath;
import org.flar.progress.Progress;

/**
 * The scripts of a deployment, each at its phase: an archive's predeployment scripts once the
 * target passed every check and before anything is written ({@link #beforeWrites}); after the
 * whole chain and the identity step ({@link #afterChain}) every archive's postdeployment
 * scripts in chain order, then the clone's own {@code /etc/flash/local_customization}, both
 * chrooted into the target; and the reboot scripts left to the first boot ({@link RebootUnit}).
 * Within an archive scripts run in name order. The first failure stops the deployment.
 */
public final class DeploymentScripts {
    /** Where a chrooted phase's script is put in the target while it runs; removed after. */
    static final String RUN_DIR = "var/lib/flar/scripts";
    private static final String LOCAL = "etc/flash/" + Phase.LOCAL_CUSTOMIZATION.dir();

    private record Pending(String archive, String contentName, Script script) {
    }

    private final Path target;
    private final ScriptRunner runner;
    private final Progress progress;
    private ScriptEnvironment env;
    private final List<Pending> post = new ArrayList<>();
    private final List<Script> reboot = new ArrayList<>();
    private String lastArchive;
    private String lastContent;
    private int ran;

    /** @param env the environment's target, mode (as asked: clone, configured, recovery) and host name */
    public DeploymentScripts(Path target, ScriptRunner runner, ScriptEnvironment env, Progress progress) {
        this.target = target;
        this.runner = runner;
        this.env = env;
        this.progress = progress;
    }

    /** The hook a chain calls for each archive once its checks passed, before its first write. */
    public Deployer.BeforeEntries beforeWrites() {
        return new Deployer.BeforeEntries() {
            @Override
            public void prepare(FlashArchiveReader archive, Beneath root) throws IOException {
                String content = archive.identification().get(Identification.CONTENT_NAME);
                String mode = archive.preflight().differential() && !env.mode().equals("recovery") ? "differential" : env.mode();
                ScriptEnvironment here = env.withMode(mode).forArchive(archive.name(), content);
                for (Script s : ScriptSection.read(archive, Phase.PREDEPLOYMENT.section())) {
                    runOutside(Phase.PREDEPLOYMENT, s, archive.name(), here);
                }
                for (Script s : ScriptSection.read(archive, Phase.POSTDEPLOYMENT.section())) {
                    post.add(new Pending(archive.name(), content, s));
                }
                reboot.addAll(ScriptSection.read(archive, Phase.REBOOT.section()));
                lastArchive = archive.name();
                lastContent = content;
            }
        };
    }

    /**
     * After the chain and the identity step.
     *
     * @param mode what the deployment made of the target (CloneStep's mode keyword)
     * @return the number of scripts run, predeployment included ({@link #leftToFirstBoot} the others)
     */
    public int afterChain(String mode) throws IOException {
        env = env.withMode(mode);
        for (Pending p : post) {
            runChrooted(Phase.POSTDEPLOYMENT, p.script().name(), p.script().content(), p.archive(),
                    env.forArchive(p.archive(), p.contentName()));
        }
        ScriptEnvironment last = env.forArchive(lastArchive, lastContent);
        for (Path local : localCustomization()) {
            runChrooted(Phase.LOCAL_CUSTOMIZATION, local.getFileName().toString(), null, "the target", last);
        }
        if (!reboot.isEmpty()) {
            RebootUnit.write(target, reboot, last.variables(Phase.REBOOT, "", "/"), ScriptRunner.describe(runner.limit()));
        }
        return ran;
    }

    /** Reboot scripts written for the first boot (/etc/systemd/system/flar-reboot.service). */
    public int leftToFirstBoot() {
        return reboot.size();
    }

    private void runOutside(Phase phase, Script s, String archive, ScriptEnvironment here) throws IOException {
        Path dir = Files.createTempDirectory("flar-scripts-");
        Path f = dir.resolve(s.name());
        try {
            Files.write(f, s.content());
            Files.setPosixFilePermissions(f, java.util.EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_EXECUTE));
            runner.run(label(phase, s.name(), archive), List.of(f.toString()), here.variables(phase, s.name(), here.target()));
            ran++;
        } finally {
            Files.deleteIfExists(f);
            Files.delete(dir);
        }
    }

    /** @param content the script, copied into the target to run; null: it is the target's own local_customization script */
    private void runChrooted(Phase phase, String name, byte[] content, String origin, ScriptEnvironment here)
            throws IOException {
        String label = label(phase, name, origin);
        boolean chroot = !Files.isSameFile(target, Path.of("/"));
        String inTarget = content == null ? "/" + LOCAL + "/" + name : "/" + RUN_DIR + "/" + name;
        if (chroot && !Files.exists(target.resolve("bin/sh"))) {
            throw new ScriptFailedException(label + " runs chrooted into " + target + ", which has no bin/sh (not an "
                    + "OS root); nothing was run");
        }
        try (Beneath root = Beneath.open(target)) {
            if (content != null) {
                TargetFiles.write(root, RUN_DIR + "/" + name, content, 0700);
            }
            try {
                List<String> command = chroot ? List.of("chroot", target.toString(), inTarget) : List.of(inTarget);
                runner.run(label, command, here.variables(phase, name, chroot ? "/" : target.toString()));
                ran++;
            } finally {
                if (content != null) {
                    TargetFiles.removeTree(root, RUN_DIR);
                }
            }
        }
    }

    /** The clone's own scripts, in name order; one that is not executable stops the deployment, as it would not run. */
    private List<Path> localCustomization() throws IOException {
        List<Path> scripts = new ArrayList<>();
        try (Beneath root = Beneath.open(target)) {
            if (!root.isDirectory(LOCAL)) {
                return scripts;
            }
            try (Stream<Path> files = Files.list(root.resolve(LOCAL))) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    try {
                        ScriptSection.checkName(name);
                    } catch (IllegalArgumentException e) {
                        progress.warning(f + ": not run (" + e.getMessage() + ")");
                        continue;
                    }
                    String label = label(Phase.LOCAL_CUSTOMIZATION, name, "the target");
                    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                        throw new ScriptFailedException(label + " is not a regular file; the deployment stopped there");
                    }
                    if (!Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE)) {
                        throw new ScriptFailedException(label + " is not executable; the deployment stopped there");
                    }
                    scripts.add(f);
                }
            }
        }
        return scripts;
    }

    private static String label(Phase phase, String name, String origin) {
        return phase + " script " + name + " (" + origin + ")";
    }
}
