package org.flar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flar.testing.Cli;
import org.flar.testing.FlarProcess;
import org.flar.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line shows on a terminal and nowhere else (no carriage returns or escape
 * sequences in pipes, files or CI logs); --json gives scripts one parseable document on
 * standard output.
 */
class ProgressTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path root;
    Path archive;

    @BeforeEach
    void treeWithEnoughEntriesToDrawALine() throws IOException {
        root = dir.resolve("root");
        for (int d = 0; d < 20; d++) {
            Path sub = Files.createDirectories(root.resolve("d" + d));
            for (int f = 0; f < 100; f++) {
                Files.writeString(sub.resolve("f" + f), "file " + f + " of directory " + d + "\n".repeat(f));
            }
        }
        Files.write(root.resolve("big"), new byte[8 << 20]);
        archive = dir.resolve("a.flar");
    }

    /** flar in its own process, CI unset (CI=true alone keeps the line off), under bash for redirections. */
    private static String flar(String... args) {
        return "env -u CI " + FlarProcess.shell(args);
    }

    private Tools.Result bash(String script) {
        return Tools.exec(List.of("bash", "-c", script), dir, Map.of(), Tools.DEFAULT_TIMEOUT);
    }

    /** Runs {@code script} with a terminal as standard input, output and error (util-linux script). */
    private Tools.Result onATerminal(String script) {
        Tools.requireTool("script");
        return Tools.exec(List.of("script", "-qec", script, "/dev/null"), dir, Map.of(), Tools.DEFAULT_TIMEOUT);
    }

    @Test
    void noProgressLineWhenStandardErrorIsAPipe() {
        Path target = dir.resolve("target");
        for (String[] args : List.of(
                new String[] {"create", "-n", "p", "-R", root.toString(), archive.toString()},
                new String[] {"verify", archive.toString()},
                new String[] {"deploy", "-R", target.toString(), archive.toString()})) {
            Tools.Result r = bash(flar(args)).check();
            assertThat(r.stderr() + r.stdout()).as(args[0]).doesNotContain("\r").doesNotContain("\033[");
        }
        // In this JVM too (standard error is Maven's pipe).
        Cli c = Cli.ok("verify", archive.toString());
        assertThat(c.err() + c.out()).doesNotContain("\r").doesNotContain("\033[");
    }

    @Test
    void aTerminalGetsTheLiveLineNamedAfterItsPhase() {
        // The control for the test above: the same commands on a terminal do draw.
        Tools.Result r = onATerminal(flar("create", "-n", "p", "-R", root.toString(), archive.toString()));
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(r.stdout()).contains("\r\033[K");
        List<String> drawn = drawnLines(r.stdout());
        assertThat(drawn).isNotEmpty().allMatch(l -> l.matches("create: \\d+ entries, .*"), "phase named");

        Tools.Result d = onATerminal(flar("deploy", "-R", dir.resolve("t").toString(), archive.toString()));
        assertThat(d.exitCode()).as(d.stdout()).isZero();
        assertThat(drawnLines(d.stdout())).isNotEmpty().allMatch(l -> l.startsWith("deploy: "));
    }

    @Test
    void noProgressLineInAFileEvenWhenStandardOutputIsATerminal() throws IOException {
        Path log = dir.resolve("stderr.log");
        Tools.Result r = onATerminal(flar("create", "-n", "p", "-R", root.toString(), archive.toString())
                + " 2>'" + log + "'");
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        String err = Files.readString(log);
        assertThat(err).as("stderr, redirected to a file").contains("flar: ").doesNotContain("\r").doesNotContain("\033[");
    }

    @Test
    void quietOnATerminalDrawsNothing() {
        Tools.Result r = onATerminal(flar("create", "-q", "-n", "p", "-R", root.toString(), archive.toString()));
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(r.stdout()).doesNotContain("\r\033[K").doesNotContain("entries");
    }

    @Test
    void jsonForCreateDeployAndVerify() throws IOException {
        Cli create = Cli.ok("create", "--json", "-n", "p", "-R", root.toString(), archive.toString());
        JsonNode c = JSON.readTree(create.out());
        assertThat(c.path("entries").asLong()).isEqualTo(1 + 20 + 20 * 100 + 1);
        assertThat(c.path("filesRead").asLong()).isEqualTo(2001);
        assertThat(c.path("changed").asLong()).isZero();
        String archiveId = Cli.ok("info", "-k", "archive_id", archive.toString()).out().strip();
        assertThat(c.path("archiveId").asText()).isEqualTo(archiveId);
        assertThat(create.err()).as("the JSON replaces the summary line").isEmpty();

        JsonNode v = JSON.readTree(Cli.ok("verify", "--json", archive.toString()).out());
        assertThat(v.path("entries").asLong()).isEqualTo(2022);
        assertThat(v.path("files").asLong()).isEqualTo(2001);
        assertThat(v.path("archiveId").asText()).isEqualTo(archiveId);

        Cli deploy = Cli.ok("deploy", "--json", "-R", dir.resolve("t").toString(), archive.toString());
        JsonNode d = JSON.readTree(deploy.out());
        assertThat(d.path("entries").asLong()).isEqualTo(2022);
        assertThat(d.path("bytes").asLong()).isEqualTo(c.path("bytes").asLong());
        assertThat(d.path("devicesSkipped").asLong()).isZero();
        assertThat(deploy.err()).isEmpty();
    }

    @Test
    void jsonOnStandardOutputIsParseableAlone() throws IOException {
        // In a separate process: nothing but the JSON document may reach standard output.
        Tools.Result r = bash(flar("create", "--json", "-n", "p", "-R", root.toString(), archive.toString())).check();
        assertThat(JSON.readTree(r.stdout()).path("entries").asLong()).isEqualTo(2022);
        Tools.Result v = bash(flar("verify", "--json", archive.toString())).check();
        assertThat(JSON.readTree(v.stdout()).path("files").asLong()).isEqualTo(2001);
    }

    @Test
    void jsonCannotShareStandardOutputWithTheArchive() {
        Path piped = dir.resolve("piped.flar");
        Tools.Result r = bash(flar("create", "--json", "-n", "p", "-R", root.toString(), "-") + " > '" + piped + "'");
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderr()).contains("--json");
        assertThat(piped).isEmptyFile();
    }

    /** The texts drawn between "\r\033[K" sequences, without the clearing. */
    private static List<String> drawnLines(String terminal) {
        List<String> out = new ArrayList<>();
        for (String part : terminal.split("\r\033\\[K")) {
            int end = part.indexOf('\r');
            String line = (end >= 0 ? part.substring(0, end) : part).strip();
            if (!line.isEmpty() && !line.startsWith("flar: ")) {
                out.add(line);
            }
        }
        return out;
    }
}
