package org.flar.deploy.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flar.cli.Main;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveReader;
import org.flar.testing.DebianRoot;
import org.flar.testing.FlarProcess;
import org.flar.testing.IndependentComparison;
import org.flar.testing.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differentials on a real Debian root: a changed copy (content, additions, deletions of a file
 * and a directory, chmod, chown, an xattr, a file become a symlink, a directory become a file)
 * shipped as a differential against the full archive and against the old directory; full +
 * differential deployed on a fresh target equals the changed root as mtree, getfattr and getfacl
 * see it. A drifted clone is refused with nothing changed.
 */
class DifferentialDebianIT {
    @TempDir
    static Path work;
    static Path base;
    static Path changed;
    static Path full;
    static Path diff;

    @BeforeAll
    static void masterChangedAfterItsCapture() throws Exception {
        Tools.requireRoot();
        for (String tool : List.of("mtree", "getfattr", "getfacl", "setfattr")) {
            Tools.requireTool(tool);
        }
        base = DebianRoot.copyWithEmptyRun(work.resolve("base"));
        full = work.resolve("full.flar");
        assertThat(Main.run("create", "-q", "-n", "master", "-R", base.toString(), full.toString())).isZero();
        changed = work.resolve("changed");
        Tools.run(List.of("cp", "-a", "--sparse=always", base.toString(), changed.toString()), work);
        Tools.run(List.of("bash", "-euc", """
                cd "$1"
                echo 'maintenance tonight' >> etc/motd
                mkdir -p opt/tool/bin && printf '#!/bin/sh\\necho hi\\n' > opt/tool/bin/hi && chmod 755 opt/tool/bin/hi
                rm etc/issue.net
                rm -rf etc/skel
                chmod 600 etc/host.conf
                chown 12345:54321 etc/shells
                setfattr -n user.flar.note -v reviewed etc/nsswitch.conf
                rm etc/issue && ln -s ../usr/lib/os-release etc/issue
                rm -rf etc/default && echo 'was a directory' > etc/default
                """, "changes", changed.toString()), work);
        diff = work.resolve("diff.flar");
        assertThat(Main.run("create", "-q", "-n", "update1", "-R", changed.toString(), "-A", full.toString(),
                diff.toString())).isZero();
    }

    @Test
    void fullThenDifferentialEqualsTheChangedRoot() throws Exception {
        Path target = work.resolve("target");
        assertThat(Main.run("deploy", "-q", "--keep-identity", "-R", target.toString(), full.toString(), diff.toString())).isZero();
        assertThat(Files.readString(target.resolve(StateFile.PATH))).contains("content_name=update1");
        assertThat(IndependentComparison.differences(changed, withoutState(target))).isEmpty();
        assertThat(Files.size(diff)).as("the differential is small").isLessThan(Files.size(full) / 20);
        try (InputStream in = Files.newInputStream(diff); FlashArchiveReader r = FlashArchiveReader.open(in, "diff")) {
            assertThat(new String(r.section(FlashArchive.METADATA), StandardCharsets.UTF_8).lines().map(l -> l.split(" ")[0]))
                    .as("chmod, chown, setfattr: carried without content")
                    .containsExactly("etc/host.conf", "etc/nsswitch.conf", "etc/shells");
        }
    }

    @Test
    void differentialAgainstTheOldDirectoryToo() throws Exception {
        Path fromDir = work.resolve("diff-dir.flar");
        assertThat(Main.run("create", "-q", "-n", "update1", "-R", changed.toString(), "-A", base.toString(),
                fromDir.toString())).isZero();
        Path target = work.resolve("target-dir");
        assertThat(Main.run("deploy", "-q", "--keep-identity", "-R", target.toString(), full.toString(), fromDir.toString())).isZero();
        assertThat(IndependentComparison.differences(changed, withoutState(target))).isEmpty();
    }

    @Test
    void driftedCloneIsRefusedWithTheFileNamedAndNothingChanged() throws Exception {
        Path target = work.resolve("target-drift");
        assertThat(Main.run("deploy", "-q", "--keep-identity", "-R", target.toString(), full.toString())).isZero();
        Files.writeString(target.resolve("etc/motd"), "local edit on the clone\n");
        Tools.Result refused = Tools.exec(FlarProcess.command("deploy", "-q", "-R", target.toString(), diff.toString()), work);
        assertThat(refused.exitCode()).as("exit 6: refused, nothing changed").isEqualTo(6);
        assertThat(refused.stderr()).contains("etc/motd").contains("drifted").doesNotContain("etc/shells");
        assertThat(target.resolve("etc/skel")).as("nothing deleted").isDirectory();
        assertThat(target.resolve("opt/tool")).as("nothing added").doesNotExist();
        assertThat(Files.readString(target.resolve("etc/motd"))).isEqualTo("local edit on the clone\n");

        assertThat(Main.run("deploy", "-q", "--no-master-check", "-R", target.toString(), diff.toString())).isZero();
        assertThat(IndependentComparison.differences(changed, withoutState(target))).isEmpty();
    }

    /** The state file is flar's record on the clone, not part of the master. */
    private static Path withoutState(Path target) {
        Tools.run(List.of("rm", "-rf", target.resolve("var/lib/flar").toString()), work);
        Tools.run(List.of("touch", "-h", "-r", changed.resolve("var/lib").toString(), target.resolve("var/lib").toString()), work);
        return target;
    }
}
