package org.flar.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.flar.testing.Cli;
import org.flar.testing.Reseal;
import org.flar.testing.Tools;
import org.flar.testing.TreeSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts that fail, hang, cannot run or were tampered with: each stops the work with one line
 * naming the script (exit 8, or 2 at create, 4 for a damaged section), and a failing
 * predeployment script leaves the target exactly as it was.
 */
class ScriptFailureTest {
    @TempDir
    Path work;

    private Path tree(String phase, String name, String body) throws Exception {
        Path root = work.resolve("root");
        Files.createDirectories(root.resolve("srv"));
        Files.writeString(root.resolve("srv/data"), "payload\n");
        ScriptsDebianIT.script(root, "etc/flash/" + phase + "/" + name, body);
        return root;
    }

    private Path archive(Path root, String... more) {
        Path a = work.resolve("a.flar");
        String[] args = new String[] {"create", "-q", "-n", "t", "-R", root.toString(), a.toString()};
        Cli.ok(concat(args, more));
        return a;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private Path populatedTarget() throws Exception {
        Path target = work.resolve("target");
        Files.createDirectories(target.resolve("srv"));
        Files.writeString(target.resolve("srv/data"), "the old data\n");
        return target;
    }

    @Test
    void aFailingPredeploymentScriptStopsTheDeploymentWithTheTargetUntouched() throws Exception {
        Path a = archive(tree("predeployment", "10-refuse", "echo not today; exit 3\n"));
        Path target = populatedTarget();
        Map<String, String> before = TreeSnapshot.of(target);
        Cli r = Cli.run("deploy", "-R", target.toString(), a.toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(8);
        assertThat(r.err()).contains("predeployment script 10-refuse (" + a + ") failed with exit status 3")
                .contains("not today");
        assertThat(TreeSnapshot.of(target)).isEqualTo(before);
    }

    @Test
    void aHangingScriptIsKilledAtItsLimit() throws Exception {
        Path a = archive(tree("predeployment", "10-hang", "sleep 300 & wait\n"));
        Path target = populatedTarget();
        Map<String, String> before = TreeSnapshot.of(target);
        Cli r = Cli.run("deploy", "--script-timeout", "1s", "-R", target.toString(), a.toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(8);
        assertThat(r.err()).contains("predeployment script 10-hang").contains("time limit of 1s and was killed");
        assertThat(TreeSnapshot.of(target)).isEqualTo(before);
        assertThat(Tools.exec(java.util.List.of("pgrep", "-f", "sleep 300"), work).exitCode()).isEqualTo(1);
    }

    @Test
    void aScriptThatIsNotExecutableIsRefusedAtCreate() throws Exception {
        Path root = tree("reboot", "10-boot", "true\n");
        Tools.run(root, "chmod", "644", root.resolve("etc/flash/reboot/10-boot").toString());
        Cli r = Cli.run("create", "-q", "-n", "t", "-R", root.toString(), work.resolve("a.flar").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("etc/flash/reboot/10-boot: reboot script is not executable");
        assertThat(work.resolve("a.flar")).doesNotExist();
    }

    @Test
    void aFailingPrecreationScriptStopsTheCapture() throws Exception {
        Path root = tree("precreation", "10-db", "exit 9\n");
        Cli r = Cli.run("create", "-q", "-n", "t", "-R", root.toString(), work.resolve("a.flar").toString());
        assertThat(r.code()).isEqualTo(8);
        assertThat(r.err()).contains("precreation script 10-db failed with exit status 9");
        assertThat(work.resolve("a.flar")).doesNotExist();
    }

    @Test
    void aChrootedScriptNeedsAnOsRoot() throws Exception {
        Path a = archive(tree("postdeployment", "10-post", "true\n"));
        Cli r = Cli.run("deploy", "-q", "-R", work.resolve("t2").toString(), a.toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(8);
        assertThat(r.err()).contains("postdeployment script 10-post").contains("no bin/sh");
    }

    @Test
    void aTamperedScriptIsRefusedByVerifyAndDeployBeforeAnyWrite() throws Exception {
        Path a = archive(tree("predeployment", "10-ok", "true\n"));
        Reseal sealed = Reseal.of(a);
        String section = sealed.section("predeployment");
        Path forged = sealed.section("predeployment", section.replace("content=", "content=AAAA")).write(work.resolve("f.flar"));
        Cli v = Cli.run("verify", forged.toString());
        assertThat(v.code()).isEqualTo(4);
        assertThat(v.err()).contains("section predeployment line 1: script 10-ok has");
        Path target = populatedTarget();
        Map<String, String> before = TreeSnapshot.of(target);
        assertThat(Cli.run("deploy", "-R", target.toString(), forged.toString()).code()).isEqualTo(4);
        assertThat(TreeSnapshot.of(target)).isEqualTo(before);
    }
}
