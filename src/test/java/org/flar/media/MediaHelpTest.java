package org.flar.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.flar.testing.Cli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The media commands answer --help with their usage, examples and the exit codes. */
class MediaHelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"create", "restore", "verify"})
    void everyMediaCommandHasManPageHelp(String command) {
        Cli r = Cli.run("media", command, "--help");
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.out()).contains("Usage: flar media " + command).contains("Exit codes:").contains("Example");
    }
}
