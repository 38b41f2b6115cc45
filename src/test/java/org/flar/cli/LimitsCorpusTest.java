package org.flar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flar.testing.Cli;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The "limits and strict ends" archives of the hostile corpus (make-corpus.py) are refused for
 * the reason their names give, and quickly (the sparse and bomb cases ran until killed before).
 * HostileArchiveTest checks that deploy refuses them all with nothing changed; this says
 * why, so that an archive refused for an unrelated reason cannot pass for a fixed hole.
 */
class LimitsCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/hostile");

    static Stream<Arguments> refusals() {
        return Stream.of(
                // The manifest says the size too, and the whole manifest is checked before the payload.
                Arguments.of("sparse-realsize-2e62", "manifest line 2: size 4611686018427387904 is too large"),
                Arguments.of("sparse-past-unarchived-size", "file 'huge' takes the files' sizes past files_unarchived_size (4 bytes)"),
                Arguments.of("unarchived-size-overflow", "files_unarchived_size '18446744073709551616' is not a decimal number"),
                Arguments.of("payload-entries-not-decimal", "payload_entries '+2' is not a decimal number"),
                Arguments.of("payload-size-missing", "payload_size is missing"),
                Arguments.of("payload-size-wrong", "payload decompresses to more than payload_size (9728 bytes)"),
                Arguments.of("gzip-bomb-past-payload-size", "payload decompresses to more than payload_size (20480 bytes)"),
                Arguments.of("xz-huge-dictionary", "more than the 131072 KiB flar allows"),
                Arguments.of("trailing-data-none", "data after the end-of-archive marker at offset 10240"),
                Arguments.of("trailing-data-gzip", "data after the end-of-archive marker at offset 10240"),
                Arguments.of("trailing-data-xz", "data after the end-of-archive marker at offset 10240"),
                Arguments.of("trailing-data-zstd", "data after the end-of-archive marker at offset 10240"),
                Arguments.of("trailing-after-gzip-stream", "data after the end of the gzip stream"),
                Arguments.of("cut-in-end-marker-none", "payload ends inside its end-of-archive marker"),
                Arguments.of("cut-in-end-marker-gzip", "payload ends inside its end-of-archive marker"),
                Arguments.of("cut-in-end-marker-xz", "payload ends inside its end-of-archive marker"),
                Arguments.of("cut-in-end-marker-zstd", "payload ends inside its end-of-archive marker"),
                Arguments.of("lz4-payload", "unsupported compression: files_compressed_method 'lz4'"),
                Arguments.of("lz4-payload-declared-none", "unsupported compression: the payload is lz4"),
                Arguments.of("compress-payload", "unsupported compression: files_compressed_method 'compress'"),
                Arguments.of("unknown-compressed-method", "unsupported compression: files_compressed_method 'brotli'"),
                Arguments.of("unknown-archived-method", "unsupported payload format: files_archived_method 'zip'"),
                Arguments.of("missing-archived-method", "files_archived_method is missing"),
                Arguments.of("content-name-too-long", "content_name has 257 characters, more than 256"),
                Arguments.of("escape-in-error-message", "files_compressed_method '\\x1b]0;owned\\x07\\x1b[2J'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void verifyRefusesForTheNamedReason(String name, String reason) {
        String file = name + ".flar";
        Cli r = Cli.run("verify", "-q", CORPUS.resolve(file).toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(4);
        assertThat(r.errLines()).as(r.describe()).singleElement().asString()
                .startsWith("flar: ").contains(file + ": ").contains(reason).doesNotContain("\u001b", "\u0007");
    }
}
