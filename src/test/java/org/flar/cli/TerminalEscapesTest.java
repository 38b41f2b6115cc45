package org.flar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flar.testing.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text an archive chooses — keywords, entry names, link targets — reaches the terminal with its
 * control characters escaped: an archive must not retitle the terminal (OSC), clear it, ring it,
 * or send C1 CSI sequences, whatever command prints it.
 */
class TerminalEscapesTest {
    private static final String ESCAPES = "\u001b]0;owned\u0007\u001b[2J\u009b31m\u202e";

    @TempDir
    Path dir;
    Path archive;

    @BeforeEach
    void archiveFullOfEscapes() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("name" + ESCAPES), "x\n");
        Files.createSymbolicLink(root.resolve("link"), Path.of("target" + ESCAPES));
        archive = dir.resolve("a.flar");
        Cli.ok("create", "-q", "-n", "web" + ESCAPES, "-U", "X-note=" + ESCAPES, "-R", root.toString(), archive.toString());
    }

    @Test
    void infoEscapesKeywordsAndValues() {
        String out = Cli.ok("info", archive.toString()).out();
        assertNoRawControls(out);
        assertThat(out).contains("content_name=web\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\u202e\n");
        assertNoRawControls(Cli.ok("info", "-k", "content_name", archive.toString()).out());
    }

    @Test
    void theListingEscapesNamesAndLinkTargets() {
        String out = Cli.ok("info", "-l", archive.toString()).out();
        assertNoRawControls(out);
        assertThat(out).contains("name\\x1b]0;owned\\x07").contains("link -> target\\x1b]0;owned\\x07");
    }

    @Test
    void jsonEscapesWhatJsonItselfWouldLeaveRaw() {
        String out = Cli.ok("info", "--json", "-l", archive.toString()).out();
        assertNoRawControls(out);
        assertThat(out).contains("\\u001B]0;owned\\u0007").contains("\\u009b31m\\u202e");
    }

    @Test
    void errorMessagesAreEscapedToo() {
        Cli r = Cli.run("info", "-k", "missing" + ESCAPES, archive.toString());
        assertThat(r.code()).isEqualTo(2);
        assertNoRawControls(r.err());
        assertThat(r.err()).contains("missing\\x1b]0;owned");
    }

    private static void assertNoRawControls(String s) {
        assertThat(s.chars().filter(c -> c != '\n' && (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x202e)))
                .as(s).isEmpty();
    }
}
