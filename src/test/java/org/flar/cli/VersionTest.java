package org.flar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.flar.testing.Cli;
import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void namesTheVersionTheCommitAndTheRuntime() {
        String out = Cli.ok("--version").out();
        // the build writes the commit (git-commit-id-maven-plugin); a checkout always has one
        assertThat(out).containsPattern("^flar " + org.flar.Version.VERSION.replace(".", "\\.")
                + " \\(commit [0-9a-f]{7,}(-dirty)?\\)\\n");
        assertThat(out).contains("runtime: Java " + Runtime.version()).contains(System.getProperty("java.home"));
    }
}
