package org.flar.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flar.cli.Main;
import org.flar.testing.DebianRoot;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The .deb the build made (profile deb), as a sysadmin meets it: installed with apt into a copy of
 * the Debian test root (no JDK there), used, upgraded to a newer build, purged; and lintian on it.
 * The steps build on each other, in order, in one copy of the root.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianPackageIT {
    private static final Duration APT = Duration.ofMinutes(5);
    private static Path deb;
    private static String version;
    private static Path work;
    private static Path root;

    @BeforeAll
    static void installIntoACopyOfTheTestRoot() throws IOException {
        String built = System.getProperty("flar.deb");
        if (built == null) {
            if (org.flar.testing.Tools.inCi()) {
                throw new AssertionError("CI must build the package (scripts/test passes -Pdeb): no flar.deb");
            }
            abort("runs after the package is built: ./mvnw -Pdeb verify -Dit.test=DebianPackageIT (scripts/test turns -Pdeb on)");
        }
        deb = Path.of(built);
        version = System.getProperty("flar.deb.version");
        assertThat(deb).isRegularFile();
        Tools.requireRoot();
        Tools.requireTool("unshare");
        work = Files.createTempDirectory("flar-deb-");
        root = DebianRoot.copyTo(work.resolve("root"));
        Files.copy(Path.of("/etc/resolv.conf"), root.resolve("etc/resolv.conf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(deb, root.resolve("tmp/" + deb.getFileName()));
        // man-db for man -w, systemd for systemd-analyze verify, zsh for its completion (minbase has none)
        chroot(APT, "apt-get", "update", "-q");
        chroot(APT, "apt-get", "install", "-y", "-q", "--no-install-recommends", "/tmp/" + deb.getFileName(), "man-db",
                "systemd", "zsh");
    }

    @AfterAll
    static void removeTheCopy() {
        if (work != null) {
            // Nothing is mounted in it: each chroot had its own mount namespace and /proc.
            Tools.run(List.of("rm", "-rf", "--one-file-system", work.toString()), null);
        }
    }

    @Test
    @Order(1)
    void runsOnItsOwnRuntimeWithNoJdkInstalled() {
        assertThat(chrootExec("sh", "-c", "command -v java javac").exitCode()).isNotZero();
        assertThat(chroot("flar", "--version")).startsWith("flar ").containsPattern("\\(commit [0-9a-f]{7,}")
                .contains("runtime: Java 25").contains("/usr/lib/flar/runtime");
        // The runtime is trimmed (what jdeps found) and cannot link: a rescue build copies it (RescueTree).
        assertThat(root.resolve("usr/lib/flar/runtime/bin/jlink")).doesNotExist();
        assertThat(root.resolve("usr/lib/flar/runtime/release")).content().contains("java.base").contains("jdk.unsupported")
                .doesNotContain("java.desktop");
        String demo = chroot(Duration.ofMinutes(3), "sh", "-c", "cd /root && flar demo");
        assertThat(demo).contains("identical: every entry's type, content, owner, mode, times, xattrs and ACLs");
    }

    /**
     * The AOT cache trained at build time on the staged tree is accepted where the package puts
     * runtime and jar: a JVM that rejects it says so in its aot log ("shared class paths mismatch").
     */
    @Test
    @Order(1)
    void startsFromTheAotCacheTheBuildTrained() throws IOException {
        assertThat(root.resolve("usr/lib/flar/flar.aot")).isRegularFile();
        chroot("sh", "-c", "JAVA_TOOL_OPTIONS=-Xlog:aot=info:file=/tmp/aot.log flar --version");
        String log = Files.readString(root.resolve("tmp/aot.log"));
        assertThat(log).contains("Opened AOT cache /usr/lib/flar/flar.aot").contains("full module graph: enabled")
                .doesNotContain("[error").doesNotContain("Unable to");
        chroot("sh", "-c", "rm /tmp/aot.log; FLAR_AOT=0 JAVA_TOOL_OPTIONS=-Xlog:aot=info:file=/tmp/aot.log flar --version");
        assertThat(Files.readString(root.resolve("tmp/aot.log"))).doesNotContain("flar.aot");
    }

    /** A man page for every command of the picocli model, listing every option --help lists. */
    @Test
    @Order(2)
    void manPagesForEveryCommandWithEveryOption() {
        assertThat(chroot("man", "-w", "flar-create").strip()).isEqualTo("/usr/share/man/man8/flar-create.8.gz");
        assertThat(chroot("man", "-w", "8", "flar").strip()).isEqualTo("/usr/share/man/man8/flar.8.gz");
        List<CommandSpec> commands = new ArrayList<>();
        collect(new CommandLine(Main.class).getCommandSpec(), commands);
        assertThat(commands).hasSizeGreaterThan(15);
        for (CommandSpec c : commands) {
            String page = c.qualifiedName("-");
            String text = Tools.exec(List.of("unshare", "--pid", "--fork", "--mount-proc=" + root.resolve("proc"), "chroot",
                    root.toString(), "man", "-P", "cat", page), null, Map.of("MANWIDTH", "200"), APT).check().stdout();
            for (OptionSpec o : c.options()) {
                assertThat(text).as("man %s lists %s", page, o.longestName()).contains(o.longestName());
            }
        }
    }

    @Test
    @Order(3)
    void completionAndTheTimerUnits() {
        String completed = chroot("bash", "-c", "source /usr/share/bash-completion/completions/flar; "
                + "COMP_WORDS=(flar media cr); COMP_CWORD=2; COMP_LINE='flar media cr'; COMP_POINT=13; _picocli_flar; "
                + "echo \"${COMPREPLY[@]}\"");
        assertThat(completed.strip()).isEqualTo("create");
        // zsh's compinit finds _flar for flar in its vendor directory, and _flar loads picocli's function
        assertThat(chroot("zsh", "-c", "autoload -U compinit && compinit -u && print -r -- ${_comps[flar]}").strip())
                .isEqualTo("_flar");
        assertThat(chroot("zsh", "-c", "source /usr/share/zsh/vendor-completions/_flar && whence -w _picocli_flar").strip())
                .isEqualTo("_picocli_flar: function");
        // man pages named in Documentation= are checked too: systemd-analyze runs man
        chroot("systemd-analyze", "verify", "flar-capture@nightly.service", "flar-capture@nightly.timer");
    }

    /** What flar-capture@t.service runs, with the example's keys: the archives land where the config says. */
    @Test
    @Order(4)
    void aScheduledCaptureLandsWhereItsConfigSays() throws IOException {
        Files.writeString(root.resolve("etc/flar/capture/t.conf"), "directory = /var/backups/flar\nroot = /usr/share/doc\n"
                + "differentials = 1\nkeep = 1\n");
        chroot("flar", "schedule", "run", "t");
        chroot("sh", "-c", "echo changed > /usr/share/doc/flar/extra");
        chroot("sh", "-c", "sleep 1; flar schedule run t");
        try (var files = Files.list(root.resolve("var/backups/flar"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".flar")).sorted().toList())
                    .satisfiesExactly(f -> assertThat(f).matches("t-\\d{8}-\\d{6}-full\\.flar"),
                            f -> assertThat(f).matches("t-\\d{8}-\\d{6}-diff\\.flar"));
        }
    }

    /** A newer build over this one: the new version in place, the administrator's config kept. */
    @Test
    @Order(5)
    void upgradesToANewerBuild() throws IOException {
        Path unpacked = work.resolve("newer");
        Tools.run(List.of("dpkg-deb", "-R", deb.toString(), unpacked.toString()), null);
        Path control = unpacked.resolve("DEBIAN/control");
        String newer = version + "+1";
        Files.writeString(control, Files.readString(control).replace("Version: " + version + "\n", "Version: " + newer + "\n"));
        Path newerDeb = root.resolve("tmp/flar_" + newer + "_amd64.deb");
        Tools.run(List.of("dpkg-deb", "--root-owner-group", "-Zgzip", "-z1", "-b", unpacked.toString(), newerDeb.toString()), null);
        chroot(APT, "apt-get", "install", "-y", "-q", "--no-install-recommends", "/tmp/" + newerDeb.getFileName());
        assertThat(chroot("dpkg-query", "-W", "-f", "${Version} ${Status}", "flar")).isEqualTo(newer + " install ok installed");
        assertThat(root.resolve("etc/flar/capture/t.conf")).exists();
        assertThat(chroot("flar", "--version")).startsWith("flar ");
    }

    @Test
    @Order(6)
    void purgesCleanly() throws IOException {
        Files.createDirectories(root.resolve("var/cache/flar/rescue/old-build"));
        chroot(APT, "apt-get", "purge", "-y", "-q", "flar");
        assertThat(chrootExec("dpkg-query", "-W", "-f", "${Status}", "flar").stdout()).doesNotContain("installed");
        for (String gone : List.of("usr/bin/flar", "usr/lib/flar", "usr/share/man/man8/flar.8.gz",
                "lib/systemd/system/flar-capture@.timer", "usr/share/bash-completion/completions/flar", "var/cache/flar")) {
            assertThat(root.resolve(gone)).as(gone).doesNotExist();
        }
        // what the administrator wrote stays: the config and the archives
        assertThat(root.resolve("etc/flar/capture/t.conf")).exists();
        assertThat(root.resolve("var/backups/flar")).isNotEmptyDirectory();
    }

    @Test
    @Order(7)
    void lintianFindsNothingUnexplained() {
        Tools.requireTool("lintian");
        Tools.Result r = Tools.exec(List.of("lintian", "--tag-display-limit", "0", "--fail-on", "error,warning", deb.toString()),
                null, Map.of(), APT);
        assertThat(r.stdout().lines().filter(l -> l.matches("[EW]: .*"))).isEmpty();
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    }

    private static void collect(CommandSpec spec, List<CommandSpec> out) {
        out.add(spec);
        spec.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
                .filter(s -> !out.contains(s)).forEach(s -> collect(s, out));
    }

    private static String chroot(String... cmd) {
        return chroot(Duration.ofMinutes(2), cmd);
    }

    private static String chroot(Duration timeout, String... cmd) {
        return exec(timeout, cmd).check().stdout();
    }

    private static Tools.Result chrootExec(String... cmd) {
        return exec(Duration.ofMinutes(2), cmd);
    }

    /** {@code cmd} chrooted into the copy, with a /proc of its own that goes with the process. */
    private static Tools.Result exec(Duration timeout, String... cmd) {
        List<String> full = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc=" + root.resolve("proc"),
                "chroot", root.toString()));
        full.addAll(List.of(cmd));
        return Tools.exec(full, null, Map.of("DEBIAN_FRONTEND", "noninteractive", "PATH",
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C.UTF-8"), timeout);
    }
}
