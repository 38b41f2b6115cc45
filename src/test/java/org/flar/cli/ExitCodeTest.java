package org.flar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flar.testing.Cli;
import org.flar.testing.FlarProcess;
import org.flar.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The documented exit codes with their one-line messages: 2 for usage errors (with a hint), 1
 * for a missing archive or an unwritable place, and no partial archive left behind by a
 * failed create.
 */
class ExitCodeTest {
    @TempDir
    Path dir;
    Path root;

    @BeforeEach
    void smallRoot() throws IOException {
        root = Files.createDirectories(dir.resolve("root/etc"));
        Files.writeString(root.resolve("hostname"), "box\n");
        root = dir.resolve("root");
    }

    private static void assertUsage(Cli r, String message, String command) {
        assertThat(r.code()).as(r.describe()).isEqualTo(2);
        assertThat(r.errLines()).as(r.describe()).hasSize(2);
        assertThat(r.errLines().get(0)).startsWith("flar: ").contains(message);
        assertThat(r.errLines().get(1)).isEqualTo("Try '" + command + " --help'.");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownOption() {
        assertUsage(Cli.run("create", "--bogus", dir.resolve("a.flar").toString()), "Unknown option: '--bogus'",
                "flar create");
    }

    @Test
    void missingRequiredOption() {
        assertUsage(Cli.run("deploy", dir.resolve("a.flar").toString()), "Missing required option: '--root=TARGET'",
                "flar deploy");
    }

    @Test
    void missingArgument() {
        assertUsage(Cli.run("verify"), "Missing required parameter: 'ARCHIVE'", "flar verify");
    }

    @Test
    void noCommand() {
        assertUsage(Cli.run(), "Missing required subcommand", "flar");
    }

    @Test
    void optionValueThatIsNotANumber() {
        assertUsage(Cli.run("create", "--level", "high", "-R", root.toString(), dir.resolve("a.flar").toString()),
                "--level", "flar create");
    }

    @Test
    void unknownCompressionOrFormatIsAUsageErrorAndWritesNothing() throws IOException {
        Path a = dir.resolve("a.flar");
        assertUsage(Cli.run("create", "-c", "bogus", "-R", root.toString(), a.toString()),
                "unknown files_compressed_method 'bogus'", "flar create");
        assertUsage(Cli.run("create", "-L", "tar", "-R", root.toString(), a.toString()),
                "unknown files_archived_method 'tar'", "flar create");
        assertOnlyTheRootIn(dir);
    }

    @Test
    void createRefusesARootThatIsNotADirectory() throws IOException {
        Path a = dir.resolve("a.flar");
        assertUsage(Cli.run("create", "-R", root.resolve("etc/hostname").toString(), a.toString()),
                root.resolve("etc/hostname") + ": not a directory", "flar create");
        assertUsage(Cli.run("create", "-R", dir.resolve("missing").toString(), a.toString()),
                dir.resolve("missing") + ": not a directory", "flar create");
        assertOnlyTheRootIn(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"info", "verify", "deploy", "split"})
    void aMissingArchiveIsOneLineAndExitOne(String command) {
        Path missing = dir.resolve("no-such.flar");
        List<String> args = switch (command) {
            case "deploy" -> List.of("deploy", "-q", "-R", dir.resolve("t").toString(), missing.toString());
            case "split" -> List.of("split", "-d", dir.resolve("parts").toString(), missing.toString());
            default -> List.of(command, missing.toString());
        };

        Cli r = Cli.run(args.toArray(String[]::new));

        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("flar: " + missing + ": no such archive");
    }

    @Test
    void aDirectoryIsNotAnArchive() {
        Cli r = Cli.run("verify", root.toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("flar: " + root + ": is a directory, not an archive");
    }

    @Test
    void combineWithoutSectionFilesExitsOne() throws IOException {
        Path parts = Files.createDirectory(dir.resolve("parts"));
        Cli r = Cli.run("combine", "-d", parts.toString(), dir.resolve("c.flar").toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().getFirst()).contains(parts.resolve("identification").toString())
                .contains("missing section file");
        assertThat(dir.resolve("c.flar")).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".partial"));
        }
    }

    @Test
    void anArchiveInADirectoryThatDoesNotExist() throws IOException {
        Path archive = dir.resolve("no/such/dir/a.flar");

        Cli r = Cli.run("create", "-q", "-R", root.toString(), archive.toString());

        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().getFirst()).as("names the archive as given, not a temporary file")
                .startsWith("flar: " + archive + ": ").doesNotContain(".partial");
        assertOnlyTheRootIn(dir);
    }

    @Test
    void aCaptureThatFailsHalfwayLeavesNoPartialArchive() throws IOException {
        // cpio cannot store a time before 1970: found only when the walk reaches the file.
        Files.writeString(root.resolve("etc/old"), "from 1969\n");
        Tools.exec(List.of("touch", "-d", "1969-07-20 20:17:40", root.resolve("etc/old").toString()), null,
                Map.of("TZ", "UTC"), Tools.DEFAULT_TIMEOUT).check();
        Path out = Files.createDirectory(dir.resolve("out"));
        Path archive = out.resolve("a.flar");

        Cli r = Cli.run("create", "-q", "-L", "cpio", "-R", root.toString(), archive.toString());

        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().getFirst()).contains("etc/old").contains("1970");
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.toList()).as("no archive, partial file or spool").isEmpty();
        }
    }

    @Test
    void aUserSectionThatIsNotTextIsStoredAsBase64() throws IOException {
        byte[] binary = {0, 1, 2, (byte) 0xff, 's', 'e', 'c', 't', 'i', 'o', 'n', '_', 'e', 'n', 'd', '=', 'X'};
        Path section = Files.write(dir.resolve("Xbinary"), binary);
        Path out = Files.createDirectory(dir.resolve("out"));
        Path archive = out.resolve("a.flar");

        Cli r = Cli.run("create", "-u", section.toString(), "-R", root.toString(), archive.toString());
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.err()).contains("Xbinary").contains("base64");

        Path parts = dir.resolve("parts");
        assertThat(Cli.run("split", "-d", parts.toString(), archive.toString()).code()).isZero();
        String stored = Files.readString(parts.resolve("Xbinary"));
        assertThat(java.util.Base64.getMimeDecoder().decode(stored.strip())).isEqualTo(binary);
        assertThat(Cli.run("verify", "-q", archive.toString()).code()).isZero();
    }

    @Test
    void aUserSectionWithABadNameIsRefusedAndWritesNothing() throws IOException {
        Path section = Files.writeString(dir.resolve("notX"), "text\n");
        Path out = Files.createDirectory(dir.resolve("out"));

        Cli r = Cli.run("create", "-q", "-u", section.toString(), "-R", root.toString(), out.resolve("a.flar").toString());

        assertThat(r.code()).as(r.describe()).isEqualTo(2);
        assertThat(r.errLines().getFirst()).contains("notX");
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void anArchiveIsNeverWrittenToATerminal() {
        Tools.requireTool("script");
        String create = FlarProcess.shell("create", "-q", "-R", root.toString(), "-");
        for (String redirect : List.of("", " </dev/null")) {
            // script gives the command a terminal; CI=true must not change the decision.
            Tools.Result r = Tools.exec(List.of("script", "-qec", create + redirect, "/dev/null"), dir,
                    Map.of(), Tools.DEFAULT_TIMEOUT);
            assertThat(r.exitCode()).as("stdin" + (redirect.isEmpty() ? " a terminal" : " /dev/null") + ": " + r.stdout())
                    .isEqualTo(2);
            assertThat(r.stdout()).contains("refusing to write an archive to a terminal").doesNotContain("FlAsH-aRcHiVe");
        }
    }

    private void assertOnlyTheRootIn(Path d) throws IOException {
        try (Stream<Path> files = Files.list(d)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("root");
        }
    }
}
