package org.flar.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flar.testing.Cli;
import org.flar.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code flar create} captures and leaves out: -x (paths and globs), -X list files, -y
 * re-includes, the contents of /proc /sys /run /tmp, the archive being written, sockets; and
 * --verbose saying so.
 */
class CaptureRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void excludePathLeavesOutThePathAndAllBelowIt() throws IOException {
        Path root = tree("a/skip/deep/f", "a/skip-not/f", "a/keep/f", "b/skip2/f", "b/f");
        Map<String, JsonNode> entries = capture(root, "-x", "a/skip", "-x", "/b/skip2/");

        assertThat(entries).containsKeys("a/keep/f", "a/skip-not/f", "b/f", "b")
                .doesNotContainKeys("a/skip", "a/skip/deep", "a/skip/deep/f", "b/skip2", "b/skip2/f");
    }

    @Test
    void excludeGlobMatchesTheWholeRelativePath() throws IOException {
        Path root = tree("logs/x.log", "logs/keep.txt", "logs/sub/y.log", "a/b/c.tmp", "d/e.tmp", "d/e.tmp.keep");
        Map<String, JsonNode> entries = capture(root, "-x", "logs/*.log", "-x", "**/*.tmp");

        assertThat(entries).containsKeys("logs/keep.txt", "logs/sub/y.log", "d/e.tmp.keep", "a/b")
                .doesNotContainKeys("logs/x.log", "a/b/c.tmp", "d/e.tmp");
    }

    @Test
    void excludeListFileWithComments() throws IOException {
        Path root = tree("a/skip/f", "a/keep/f", "b/x.tmp", "c/commented-out/f", "d/spaced/f");
        Path list = Files.writeString(dir.resolve("exclusions"), """
                # what the image must not carry
                a/skip

                **/*.tmp
                #c/commented-out
                   # an indented comment
                   d/spaced  \s
                """);
        Map<String, JsonNode> entries = capture(root, "-X", list.toString());

        assertThat(entries).containsKeys("a/keep/f", "c/commented-out/f", "d")
                .doesNotContainKeys("a/skip", "a/skip/f", "b/x.tmp", "d/spaced", "d/spaced/f");
    }

    @Test
    void includeInsideAnExcludedDirectory() throws IOException {
        Path root = tree("var/cache/apt/archives/pkg.deb", "var/cache/keep/important", "var/cache/keep/sub/too",
                "var/cache/junk", "var/lib/f");
        Map<String, JsonNode> entries = capture(root, "-x", "var/cache", "-y", "var/cache/keep");

        assertThat(entries).containsKeys("var/cache", "var/cache/keep", "var/cache/keep/important",
                        "var/cache/keep/sub/too", "var/lib/f")
                .doesNotContainKeys("var/cache/apt", "var/cache/apt/archives/pkg.deb", "var/cache/junk");
        assertThat(entries.get("var/cache").path("type").asText()).isEqualTo("dir");
    }

    @Test
    void volatileDirectoriesAreKeptEmptyAndVerboseSaysSo() throws IOException {
        Path root = tree("proc/1/status", "sys/kernel/x", "run/lock/pid", "tmp/scratch", "etc/f", "var/tmp/kept",
                "home/tmp/kept", "a/zzz/f");
        Tools.run(List.of("chmod", "1777", root.resolve("tmp").toString()), null);

        Cli r = Cli.ok("create", "-v", "-n", "t", "-x", "a/zzz", "-R", root.toString(), dir.resolve("t.flar").toString());
        Map<String, JsonNode> entries = entries(dir.resolve("t.flar"));

        assertThat(entries).containsKeys("proc", "sys", "run", "tmp", "etc/f", "var/tmp/kept", "home/tmp/kept")
                .doesNotContainKeys("proc/1", "proc/1/status", "sys/kernel", "run/lock", "tmp/scratch", "a/zzz");
        assertThat(entries.get("tmp").path("mode").asText()).as("the directory keeps its mode").isEqualTo("1777");
        assertThat(r.errLines()).contains(
                "flar: left out proc/*: volatile or pseudo file system contents",
                "flar: left out sys/*: volatile or pseudo file system contents",
                "flar: left out run/*: volatile or pseudo file system contents",
                "flar: left out tmp/*: volatile or pseudo file system contents",
                "flar: left out a/zzz: excluded by a/zzz");

        Cli quiet = Cli.ok("create", "-n", "t", "-x", "a/zzz", "-R", root.toString(), dir.resolve("q.flar").toString());
        assertThat(quiet.err()).as("without --verbose").doesNotContain("left out");
    }

    @Test
    void theArchiveWrittenInsideTheRootIsLeftOut() throws IOException {
        Path root = tree("etc/f");
        Path archive = root.resolve("images/self.flar");
        Files.createDirectories(archive.getParent());

        Cli first = Cli.ok("create", "-v", "-n", "self", "-R", root.toString(), archive.toString());
        assertThat(first.err()).contains("the archive being written");
        assertThat(names(archive)).containsExactly(".", "etc", "etc/f", "images");

        // Again, over the archive of the first run: the file about to be replaced is not captured either.
        Cli.ok("create", "-q", "-n", "self", "-R", root.toString(), archive.toString());
        assertThat(names(archive)).containsExactly(".", "etc", "etc/f", "images");
        try (var left = Files.list(archive.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no spool or partial file left")
                    .containsExactly("self.flar");
        }
    }

    @Test
    void socketsAreSkipped() throws IOException {
        Tools.requireTool("python3");
        Path root = tree("srv/f");
        Tools.run(List.of("python3", "-c", "import socket; s = socket.socket(socket.AF_UNIX); s.bind('srv/control.sock')"),
                root);
        assertThat(Files.exists(root.resolve("srv/control.sock"), LinkOption.NOFOLLOW_LINKS)).isTrue();

        Cli r = Cli.ok("create", "-v", "-n", "s", "-R", root.toString(), dir.resolve("s.flar").toString());

        assertThat(names(dir.resolve("s.flar"))).containsExactly(".", "srv", "srv/f");
        assertThat(r.errLines()).anyMatch(l -> l.startsWith("flar: left out srv/control.sock: socket"));
        assertThat(Cli.run("verify", "-q", dir.resolve("s.flar").toString()).code()).isZero();
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** A new root with a file at each of {@code files} (relative paths), directories as needed. */
    private Path tree(String... files) throws IOException {
        Path root = Files.createTempDirectory(dir, "root-");
        for (String f : files) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f + "\n");
        }
        return root;
    }

    private Map<String, JsonNode> capture(Path root, String... options) throws IOException {
        Path archive = Files.createTempFile(dir, "capture-", ".flar");
        List<String> args = new ArrayList<>(List.of("create", "-q", "-n", "rules"));
        args.addAll(List.of(options));
        args.addAll(List.of("-R", root.toString(), archive.toString()));
        Cli.ok(args.toArray(String[]::new));
        return entries(archive);
    }

    /** The archive's entries by path, from flar info --json -l. */
    static Map<String, JsonNode> entries(Path archive) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode e : JSON.readTree(Cli.ok("info", "--json", "-l", archive.toString()).out()).path("entries")) {
            out.put(e.path("path").asText(), e);
        }
        return out;
    }

    private static List<String> names(Path archive) throws IOException {
        return new ArrayList<>(entries(archive).keySet());
    }
}
