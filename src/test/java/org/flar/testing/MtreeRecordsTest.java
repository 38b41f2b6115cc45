package org.flar.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** mtree's report format, as mtree-netbsd 20180822 printed it for a real tree. */
class MtreeRecordsTest {
    @Test
    void joinsContinuationLinesAndNamesWithNewlines() {
        String output = """
                .:      modification time (Mon Nov 23 14:46:35 2026, Mon Nov 23 14:46:35 2026)
                extra: extra
                new
                line:\s
                \tuser (0, 5)
                \tgid (0, 7)
                d/f:    permissions (0644, 0600)
                missing: ./gone
                """;

        assertThat(IndependentComparison.mtreeRecords(output)).containsExactly(
                ".:      modification time (Mon Nov 23 14:46:35 2026, Mon Nov 23 14:46:35 2026)",
                "extra: extra",
                "new\\nline: user (0, 5); gid (0, 7)",
                "d/f:    permissions (0644, 0600)",
                "missing: ./gone");
    }
}
