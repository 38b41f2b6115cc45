package org.flar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flar.testing.Cli;
import org.flar.testing.FlarProcess;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deployment by an ordinary user (uid 65534 through setpriv) of an archive with a device
 * node: the node is skipped with a warning naming it, everything else is restored, and the
 * owners that could not be set are reported — exit 0.
 */
class DeviceAsNonRootTest {
    private static final int NOBODY = 65534;

    Path work;
    Path archive;

    @BeforeEach
    void archiveWithADevice() throws IOException {
        Tools.requireRoot();
        Tools.requireTool("setpriv");
        Tools.requireTool("mknod");
        // Under java.io.tmpdir rather than target/: uid 65534 must reach it, and a checkout may sit in a 0700 home.
        work = Files.createTempDirectory("flar-nonroot-");
        Path root = Files.createDirectories(work.resolve("root/d"));
        root = work.resolve("root");
        Files.writeString(root.resolve("d/file"), "hello\n");
        Files.writeString(root.resolve("d/exec"), "#!/bin/sh\n");
        sh("chmod", "0750", root.resolve("d/exec").toString());
        sh("mknod", root.resolve("d/null").toString(), "c", "1", "3");
        sh("mkfifo", root.resolve("d/fifo").toString());
        sh("ln", "-s", "file", root.resolve("d/link").toString());
        archive = work.resolve("dev.flar");
        Cli.ok("create", "-q", "-n", "dev", "-R", root.toString(), archive.toString());
        sh("chmod", "-R", "a+rX", work.toString());
    }

    @AfterEach
    void remove() {
        Tools.deleteTree(work);
    }

    @Test
    void deviceNodesAreSkippedWithAWarningAndTheRestIsRestored() throws IOException {
        Path target = ownedByNobody("target");

        Tools.Result r = asNobody("deploy", "-R", target.toString(), archive.toString());

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr().lines()).contains("flar: warning: d/null: device node not created (needs root)");
        assertThat(r.stderr().lines()).anyMatch(l -> l.startsWith("flar: warning: not running as root: owners of ")
                && l.endsWith(" entries were not set"));
        assertThat(r.stderr()).contains("(1 device nodes skipped: not root)");

        assertThat(Files.exists(target.resolve("d/null"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readString(target.resolve("d/file"))).isEqualTo("hello\n");
        assertThat(stat(target.resolve("d/exec"), "%a %u")).isEqualTo("750 " + NOBODY);
        assertThat(stat(target.resolve("d/fifo"), "%F")).isEqualTo("fifo");
        assertThat(Files.readSymbolicLink(target.resolve("d/link")).toString()).isEqualTo("file");
        assertThat(stat(target.resolve("d/file"), "%u %g")).as("owned by whoever deployed").isEqualTo(NOBODY + " " + NOBODY);
    }

    @Test
    void jsonCountsTheSkippedDevices() throws IOException {
        Path target = ownedByNobody("json-target");

        Tools.Result r = asNobody("deploy", "--json", "-R", target.toString(), archive.toString());

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.stdout());
        assertThat(json.path("devicesSkipped").asLong()).isEqualTo(1);
        assertThat(json.path("entries").asLong()).isEqualTo(7);
        assertThat(r.stderr()).contains("d/null: device node not created");
    }

    // ---- helpers ----------------------------------------------------------------------------

    private Path ownedByNobody(String name) throws IOException {
        Path target = Files.createDirectory(work.resolve(name));
        sh("chown", NOBODY + ":" + NOBODY, target.toString());
        return target;
    }

    /**
     * flar as uid/gid 65534 with no supplementary groups. The test classpath is copied to where
     * that user can read it: the Maven repository usually lies in root's 0700 home.
     */
    private Tools.Result asNobody(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        List<String> flar = new ArrayList<>(FlarProcess.command(args));
        int cp = flar.indexOf("-cp") + 1;
        flar.set(cp, readableCopy(flar.get(cp)));
        cmd.addAll(flar);
        return Tools.exec(cmd, work, Map.of("HOME", work.toString()), Tools.DEFAULT_TIMEOUT);
    }

    private String readableCopy(String classpath) throws IOException {
        Path dir = work.resolve("classpath");
        if (Files.isDirectory(dir)) {
            return Files.readString(work.resolve("classpath.txt"));
        }
        Files.createDirectory(dir);
        List<String> copied = new ArrayList<>();
        int i = 0;
        for (String entry : classpath.split(File.pathSeparator)) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = dir.resolve(i++ + "-" + from.getFileName());
            sh("cp", "-r", from.toString(), to.toString());
            copied.add(to.toString());
        }
        sh("chmod", "-R", "a+rX", dir.toString());
        String joined = String.join(File.pathSeparator, copied);
        Files.writeString(work.resolve("classpath.txt"), joined);
        return joined;
    }

    private static String stat(Path p, String format) {
        return Tools.run(List.of("stat", "-c", format, p.toString()), null).strip();
    }

    private static void sh(String... cmd) {
        Tools.run(List.of(cmd), null);
    }
}
