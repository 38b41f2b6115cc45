package org.flar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.flar.testing.Cli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command answers --help with its usage, an example and the exit codes, and exits 0. */
class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"create", "deploy", "info", "verify", "split", "combine", "compare", "demo", "unconfig", "reconfig", "recover", "drill"})
    void everyCommandHasManPageHelp(String command) {
        Cli r = Cli.run(command, "--help");
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.out()).contains("Usage: flar " + command).contains("Exit codes:").contains("Example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "help"})
    void theTopCommandListsTheCommands(String help) {
        Cli r = Cli.run(help);
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.out()).contains("create").contains("deploy").contains("verify").contains("split").contains("compare");
    }
}
