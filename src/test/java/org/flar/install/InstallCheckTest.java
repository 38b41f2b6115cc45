package org.flar.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flar.testing.Cli;
import org.flar.testing.Jobs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flar serve check} over real files, and how the rules pick one profile for a machine. */
class InstallCheckTest {
    private static final String WEB01 = "52:54:00:00:00:01";
    private static final String WEB02 = "52:54:00:00:00:02";

    @TempDir
    Path dir;

    @BeforeEach
    void site() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree/etc"));
        Files.writeString(tree.resolve("hello"), "hello\n");
        Jobs.create(dir.resolve("tree"), "web", dir.resolve("web.flar"));
        Files.writeString(dir.resolve("rules"), """
                # JumpStart-style rules
                mac %s                        web.profile
                hostname web*  &&  arch x86_64   web.profile
                disksize 500G-                   big.profile
                any -                            web.profile
                """.formatted(WEB01));
        Files.writeString(dir.resolve("web.profile"), """
                install_type     clone
                archive_location %s
                layout           archive
                disk             /dev/vda
                sysidcfg         web.sysidcfg
                hosts            hosts.csv
                end              reboot
                """.formatted("web.flar"));
        Files.writeString(dir.resolve("big.profile"), """
                install_type     recovery
                archive_location %s
                layout           default
                end              halt
                """.formatted("web.flar"));
        Files.writeString(dir.resolve("web.sysidcfg"), """
                system_locale=C.UTF-8
                network_interface=PRIMARY {hostname=${hostname} ip_address=${ip} netmask=255.255.255.0}
                timezone=Europe/Berlin
                """);
        Files.writeString(dir.resolve("hosts.csv"), "mac,hostname,ip\n%s,web01,192.0.2.11\n%s,web02,192.0.2.12\n".formatted(WEB01, WEB02));
    }

    @Test
    void aGoodSiteChecksWithEveryHostsSysidcfg() {
        Cli r = Cli.ok("serve", "check", dir.resolve("rules").toString());
        assertThat(r.out()).contains("web.profile: good, 2 hosts", "big.profile: good", "4 rules, 2 profiles, 1 archives checked");
    }

    @Test
    void aRuleErrorSaysFileLineAndColumn() throws IOException {
        Files.writeString(dir.resolve("rules"), "mac " + WEB01 + " web.profile\n  macc 52:54:00:00:00:09 web.profile\n");
        Cli r = Cli.run("serve", "check", dir.resolve("rules").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().endsWith("rules:2:3: unknown rule keyword 'macc' (mac, hostname, arch, disksize, any)");
    }

    @Test
    void aTemplateValueMissingForAHostIsNamed() throws IOException {
        Files.writeString(dir.resolve("hosts.csv"), "mac,hostname,ip\n%s,web01,192.0.2.11\n%s,web02,\n".formatted(WEB01, WEB02));
        Cli r = Cli.run("serve", "check", "--no-archives", dir.resolve("rules").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("web.sysidcfg:2:60: no value for ${ip} for host web02");
    }

    @Test
    void aProfileErrorAndAMissingArchiveAreFound() throws IOException {
        Files.writeString(dir.resolve("big.profile"), "install_type clone\narchive_location x.flar\nend poweroff\n");
        Cli bad = Cli.run("serve", "check", dir.resolve("rules").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("big.profile:3:5: end is reboot or halt, not 'poweroff'");

        Files.writeString(dir.resolve("big.profile"), "install_type clone\narchive_location gone.flar\n");
        Cli gone = Cli.run("serve", "check", dir.resolve("rules").toString());
        assertThat(gone.code()).isEqualTo(1);
        assertThat(gone.err()).contains("big.profile: archive_location gone.flar: no such archive");

        // a path on the server is no location for a machine
        Files.writeString(dir.resolve("big.profile"), "install_type clone\narchive_location " + dir.resolve("web.flar") + "\n");
        Cli path = Cli.run("serve", "check", dir.resolve("rules").toString());
        assertThat(path.code()).isEqualTo(2);
        assertThat(path.err()).contains("a machine cannot read the server's paths");
    }

    @Test
    void twoRulesClaimingOneHostAreRefusedBeforeItBoots() throws IOException {
        Files.writeString(dir.resolve("rules"), "mac " + WEB02 + " web.profile\nhostname web02 big.profile\n");
        Cli r = Cli.run("serve", "check", "--no-archives", dir.resolve("rules").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("web02 (" + WEB02 + "): claimed by " + dir.resolve("rules") + ":1 and " + dir.resolve("rules") + ":2");
    }

    @Test
    void aMachineGetsItsOneRuleOrAReason() throws Exception {
        Rules rules = Rules.parse(dir.resolve("rules"));
        long tb = 1L << 40;
        assertThat(rules.match(new Machine(List.of(WEB01.toUpperCase()), null, "aarch64", List.of(8L << 30))).profile())
                .isEqualTo("web.profile");
        assertThat(rules.match(new Machine(List.of("52:54:00:00:00:99"), "db1", "x86_64", List.of(8L << 30))).where())
                .endsWith("rules:5");
        assertThatThrownBy(() -> rules.match(new Machine(List.of("52:54:00:00:00:98"), "web07", "x86_64", List.of(tb))))
                .isInstanceOf(Rules.NoMatchException.class)
                .hasMessageContaining("web07 (52:54:00:00:00:98): claimed by 2 rules: ")
                .hasMessageContaining("rules:3 (web.profile)").hasMessageContaining("rules:4 (big.profile)");

        Files.writeString(dir.resolve("rules"), "arch aarch64 web.profile\n");
        assertThatThrownBy(() -> Rules.parse(dir.resolve("rules")).match(new Machine(List.of(WEB01), null, "x86_64", List.of())))
                .isInstanceOf(Rules.NoMatchException.class).hasMessageContaining(WEB01 + ": no rule in ");
    }
}
