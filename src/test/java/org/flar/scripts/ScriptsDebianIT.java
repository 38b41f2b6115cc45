package org.flar.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.flar.testing.BootableDebianRoot;
import org.flar.testing.Cli;
import org.flar.testing.DebianRoot;
import org.flar.testing.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * All four kinds of scripts, from a Debian master's /etc/flash/ and --script, deployed as a
 * configured clone onto an empty target: each ran at its phase (precreation before the capture,
 * predeployment before the first write, postdeployment chrooted after the identity step, then
 * the clone's local_customization), in name order, with the documented environment; the reboot
 * scripts wait in a self-removing systemd unit that systemd-analyze accepts and that, run,
 * runs them once and removes itself.
 */
class ScriptsDebianIT {
    @TempDir
    static Path work;
    static Path archive;
    static Path target;
    static Cli deployed;

    @BeforeAll
    static void masterWithScriptsDeployed() throws Exception {
        Tools.requireRoot();
        Path master = DebianRoot.copyWithEmptyRun(work.resolve("master"));
        script(master, "etc/flash/precreation/10-mark", """
                echo "captured phase=$FLAR_PHASE root=$FLAR_ROOT name=$FLAR_CONTENT_NAME" > "$FLAR_ROOT/etc/flash-captured"
                """);
        for (String name : List.of("20-second", "10-first")) {
            script(master, "etc/flash/predeployment/" + name, """
                    echo "%s phase=$FLAR_PHASE mode=$FLAR_MODE content=$FLAR_CONTENT_NAME host=$FLAR_HOSTNAME \
                    root=$FLAR_ROOT entries=$(ls -A "$FLAR_TARGET" | wc -l) stdin=$(cat | wc -c)" >> "$FLAR_TARGET.log"
                    """.formatted(name));
        }
        script(master, "etc/flash/postdeployment/10-post", """
                echo "10-post phase=$FLAR_PHASE mode=$FLAR_MODE root=$FLAR_ROOT host=$FLAR_HOSTNAME \
                hostname-file=$(cat /etc/hostname) dpkg=$(test -x /usr/bin/dpkg && echo here)" >> /var/log/flar-scripts.log
                """);
        script(master, "etc/flash/local_customization/10-local", """
                echo "10-local phase=$FLAR_PHASE root=$FLAR_ROOT" >> /var/log/flar-scripts.log
                """);
        script(master, "etc/flash/reboot/10-boot", """
                echo "10-boot phase=$FLAR_PHASE mode=$FLAR_MODE host=$FLAR_HOSTNAME" >> /var/log/flar-boot.log
                """);
        Path given = script(work, "extra/20-given", """
                echo "20-given phase=$FLAR_PHASE script=$FLAR_SCRIPT" >> /var/log/flar-scripts.log
                """);
        archive = work.resolve("web.flar");
        Cli.ok("create", "-q", "-n", "web", "-R", master.toString(), "--script", "postdeployment=" + given,
                archive.toString());
        Path sysidcfg = work.resolve("web02.sysidcfg");
        Files.writeString(sysidcfg, "hostname=web02\n");
        target = work.resolve("target");
        Files.createDirectory(target);
        deployed = Cli.ok("deploy", "-R", target.toString(), "--sysidcfg", sysidcfg.toString(), archive.toString());
    }

    static Path script(Path root, String rel, String body) throws Exception {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "#!/bin/sh\n" + body);
        Tools.run(root, "chmod", "755", f.toString());
        return f;
    }

    @Test
    void infoListsTheCarriedScriptsAndNotThePrecreationOnes() {
        Cli info = Cli.ok("info", archive.toString());
        assertThat(info.out().lines().filter(l -> l.startsWith("script ")).map(l -> String.join(" ",
                List.of(l.split(" ")).subList(0, 3))))
                .containsExactly("script predeployment 10-first", "script predeployment 20-second",
                        "script postdeployment 10-post", "script postdeployment 20-given", "script reboot 10-boot");
        Cli.ok("verify", "-q", archive.toString());
    }

    @Test
    void precreationRanOnTheMasterBeforeTheCapture() throws Exception {
        assertThat(Files.readString(target.resolve("etc/flash-captured")))
                .startsWith("captured phase=precreation root=" + work.resolve("master") + " name=web");
    }

    @Test
    void predeploymentRanInNameOrderBeforeTheFirstWriteOutsideTheTarget() throws Exception {
        assertThat(Files.readAllLines(Path.of(target + ".log"))).containsExactly(
                "10-first phase=predeployment mode=configured content=web host=web02 root=" + target + " entries=0 stdin=0",
                "20-second phase=predeployment mode=configured content=web host=web02 root=" + target + " entries=0 stdin=0");
    }

    @Test
    void postdeploymentRanChrootedAfterTheIdentityStepThenTheClonesOwn() throws Exception {
        assertThat(Files.readAllLines(target.resolve("var/log/flar-scripts.log"))).containsExactly(
                "10-post phase=postdeployment mode=configured root=/ host=web02 hostname-file=web02 dpkg=here",
                "20-given phase=postdeployment script=20-given",
                "10-local phase=local_customization root=/");
        assertThat(target.resolve(DeploymentScripts.RUN_DIR)).doesNotExist();
        assertThat(deployed.err()).contains("flar: 5 deployment script(s) run, 1 left to the first boot");
    }

    @Test
    void rebootScriptsWaitInAUnitThatSystemdAcceptsAndThatRunsOnceAndRemovesItself() throws Exception {
        assertThat(target.resolve(RebootUnit.UNIT)).isRegularFile();
        assertThat(Files.readSymbolicLink(target.resolve(RebootUnit.WANTS))).isEqualTo(Path.of("/" + RebootUnit.UNIT));
        assertThat(target.resolve("var/log/flar-boot.log")).doesNotExist();
        Tools.requireTool("systemd-analyze");
        // The minbase root has no systemd; a systemd Debian's units stand in, so the unit's
        // dependencies (multi-user.target, network-online.target) resolve as on a booted clone.
        Path units = target.resolve("usr/lib/systemd/system");
        Tools.run(target, "mount", "--bind", "-o", "ro",
                BootableDebianRoot.cached().resolve("usr/lib/systemd/system").toString(), units.toString());
        Tools.Result verify;
        try {
            verify = Tools.exec(List.of("systemd-analyze", "verify", "--root=" + target, RebootUnit.UNIT_NAME), target);
        } finally {
            Tools.run(target, "umount", units.toString());
        }
        assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
        assertThat(verify.stderr()).doesNotContain(RebootUnit.UNIT_NAME);

        // What systemd's ExecStart= does on the first boot, with its EnvironmentFile=.
        for (int boot = 0; boot < 2; boot++) {
            Tools.exec(List.of("chroot", target.toString(), "/bin/sh", "-c",
                    "test -x /var/lib/flar/reboot/run || exit 0; set -a; . /var/lib/flar/reboot/environment; "
                            + "exec /var/lib/flar/reboot/run"), target).check();
        }
        assertThat(Files.readAllLines(target.resolve("var/log/flar-boot.log")))
                .containsExactly("10-boot phase=reboot mode=configured host=web02");
        assertThat(target.resolve(RebootUnit.UNIT)).doesNotExist();
        assertThat(Files.exists(target.resolve(RebootUnit.WANTS), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(target.resolve(RebootUnit.DIR)).doesNotExist();
    }

    @Test
    void noScriptsRunsNoneAndLeavesNoUnit() throws Exception {
        Path quiet = work.resolve("quiet");
        Cli.ok("deploy", "-q", "--no-scripts", "-R", quiet.toString(), archive.toString());
        assertThat(Path.of(quiet + ".log")).doesNotExist();
        assertThat(quiet.resolve("var/log/flar-scripts.log")).doesNotExist();
        assertThat(quiet.resolve(RebootUnit.UNIT)).doesNotExist();
        assertThat(new String(Files.readAllBytes(quiet.resolve("etc/flash/local_customization/10-local")),
                StandardCharsets.UTF_8)).contains("10-local");
    }
}
