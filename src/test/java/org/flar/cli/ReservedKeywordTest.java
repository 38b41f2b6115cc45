package org.flar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flar.testing.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code create -U} adds keywords of the user's own, never one flar computes or sets: such an
 * archive would contradict itself (an archive_id its verify refuses, a full archive labelled
 * DIFFERENTIAL) or lose the value silently (flar_format). content_name keeps its 256 characters.
 */
class ReservedKeywordTest {
    @TempDir
    Path dir;
    Path root;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("f"), "x\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"archive_id=" + "0000000000000000000000000000000000000000000000000000000000000000",
        "type=DIFFERENTIAL", "flar_format=7", "FLAR_VERSION=9", "identification_sha256=00", "section_sha256=",
        "files_archived_size=1", "files_compressed_method=none", "payload_size=1", "state_sha256=00",
        "creation_date=20000101000000", "content_name=other", "base_state_sha256=00"})
    void keywordsFlarSetsAreRefused(String keyword) {
        Path out = dir.resolve("a.flar");
        Cli r = Cli.run("create", "-q", "-n", "x", "-U", keyword, "-R", root.toString(), out.toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(2);
        assertThat(r.err()).contains("-U " + keyword.substring(0, keyword.indexOf('=')) + ": ");
        assertThat(out).doesNotExist();
    }

    @Test
    void userTextAndOwnKeywordsAreWritten() {
        Path out = dir.resolve("a.flar");
        Cli.ok("create", "-q", "-n", "x", "-U", "content_author=ops", "-U", "X-site=lab", "-R", root.toString(), out.toString());
        String info = Cli.ok("info", out.toString()).out();
        assertThat(info).contains("\ncontent_author=ops\n").contains("\nX-site=lab\n");
    }

    @Test
    void aContentNameOver256CharactersIsRefused() {
        Path out = dir.resolve("a.flar");
        Cli r = Cli.run("create", "-q", "-n", "é".repeat(257), "-R", root.toString(), out.toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(2);
        assertThat(r.err()).contains("at most 256 characters, this one 257");
        Cli.ok("create", "-q", "-n", "é".repeat(256), "-R", root.toString(), out.toString());
        assertThat(Cli.ok("verify", "-q", out.toString()).code()).isZero();
    }
}
