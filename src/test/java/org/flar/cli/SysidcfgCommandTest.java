package org.flar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flar.testing.Cli;
import org.flar.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flar sysidcfg check}: exit 0 for a good file, the error at line:column and exit 2 for a bad one. */
class SysidcfgCommandTest {
    @TempDir
    Path dir;

    @Test
    void goodFile() throws Exception {
        Path f = Files.writeString(dir.resolve("web02.cfg"), "hostname=web02\ntimezone=UTC\n");
        Cli r = Cli.run("sysidcfg", "check", f.toString());
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.out()).isEqualTo(f + ": good\n");
    }

    @Test
    void badFileIsOneLineAtLineAndColumnAndExit2() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.cfg"), "hostname=web02\nnetwork_interface=eth0 {ip_address=10.0.0.300 netmask=255.0.0.0}\n");
        Cli r = Cli.run("sysidcfg", "check", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("flar: " + f + ":2:36: bad ip_address '10.0.0.300': expected an IPv4 address like "
                + "192.0.2.10\n");
        assertThat(r.out()).isEmpty();
        assertThat(Cli.run("sysidcfg", "check", dir.resolve("missing").toString()).code()).isEqualTo(1);
    }

    @Test
    void againstARootListsWhatWouldBeWrittenAndWritesNothing() throws Exception {
        Tools.requireRoot();
        Path root = Files.createDirectories(dir.resolve("root/etc"));
        Path f = Files.writeString(dir.resolve("web02.cfg"), "hostname=web02\nnetwork_interface=PRIMARY {dhcp}\n"
                + "terminal=vt100\n");
        Cli r = Cli.run("sysidcfg", "check", "-R", dir.resolve("root").toString(), f.toString());
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.out()).contains("good for " + dir.resolve("root") + " (network: networkd)",
                "would write /etc/systemd/network/06-sysidcfg-primary.network", "would write /etc/hostname",
                "terminal=vt100: not applied");
        try (var s = Files.list(root)) {
            assertThat(s).isEmpty();
        }
        Path bad = Files.writeString(dir.resolve("bad.cfg"), "timezone=Nowhere/Land\n");
        Cli refused = Cli.run("sysidcfg", "check", "-R", dir.resolve("root").toString(), bad.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains(bad + ":1:10: time zone 'Nowhere/Land' is not in the target's");
    }

    @Test
    void manPageHelp() {
        for (String[] args : new String[][] {{"sysidcfg", "--help"}, {"sysidcfg", "check", "--help"}}) {
            Cli r = Cli.run(args);
            assertThat(r.code()).as(r.describe()).isZero();
            assertThat(r.out()).contains("Usage: flar " + String.join(" ", args).replace(" --help", ""))
                    .contains("Exit codes:").contains("Example");
        }
        assertThat(Cli.run("sysidcfg").code()).isEqualTo(2);
        assertThat(Cli.ok("--help").out()).contains("sysidcfg");
    }
}
