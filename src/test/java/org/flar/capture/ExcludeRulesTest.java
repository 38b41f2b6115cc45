package org.flar.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExcludeRulesTest {

    @Test
    void pathExcludesItselfAndEverythingBelowButNotItsNamesakes() {
        ExcludeRules r = new ExcludeRules(List.of("/var/cache"), List.of());
        assertThat(r.captures("var/cache", true)).isFalse();
        assertThat(r.captures("var/cache/apt/archives/x.deb", false)).isFalse();
        assertThat(r.captures("var/cache2", true)).isTrue();
        assertThat(r.captures("var", true)).isTrue();
    }

    @Test
    void globMatchesTheWholeRelativePath() {
        ExcludeRules r = new ExcludeRules(List.of("**/*.log", "*.tmp"), List.of());
        assertThat(r.captures("var/log/syslog.log", false)).isFalse();
        assertThat(r.captures("a.tmp", false)).isFalse();
        assertThat(r.captures("dir/a.tmp", false)).isTrue();
        assertThat(r.captures("var/log/syslog", false)).isTrue();
        assertThat(r.excludedBy("x/y.log")).isEqualTo("**/*.log");
    }

    @Test
    void includeWinsAndKeepsTheDirectoriesLeadingToIt() {
        ExcludeRules r = new ExcludeRules(List.of("srv"), List.of("srv/www/keep"));
        assertThat(r.captures("srv", true)).isTrue();
        assertThat(r.captures("srv/www", true)).isTrue();
        assertThat(r.captures("srv/www/keep", true)).isTrue();
        assertThat(r.captures("srv/www/keep/file", false)).isTrue();
        assertThat(r.captures("srv/www/other", false)).isFalse();
        assertThat(r.captures("srv/data", true)).isFalse();
    }

    @Test
    void leadingDotSlashAndTrailingSlashAreTheSamePath() {
        ExcludeRules r = new ExcludeRules(List.of("./home/", "/opt//"), List.of());
        assertThat(r.captures("home/u/.bashrc", false)).isFalse();
        assertThat(r.captures("opt/x", false)).isFalse();
    }
}
