package org.flar.identity.sysidcfg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;
import org.flar.testing.DebianRoot;
import org.flar.testing.IndependentComparison;
import org.flar.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sysidcfg applied to a real Debian root (debootstrap minbase bookworm): the target's own
 * tools, run in a chroot, read back what the sysidcfg said.
 */
class SysidcfgDebianIT {
    static final String SYSIDCFG = """
            hostname=web02
            network_interface=PRIMARY {ip_address=192.0.2.10 netmask=255.255.255.0 default_route=192.0.2.1}
            name_service=DNS {domain_name=example.com name_server=192.0.2.53 search=example.com}
            timezone=Europe/Berlin
            system_locale=C.UTF-8
            root_password=%s
            timeserver=ntp.example.com
            """.formatted(SysidcfgParserTest.SHA512);

    @TempDir
    Path work;

    private static String chroot(Path root, String... cmd) {
        List<String> full = new java.util.ArrayList<>(List.of("chroot", root.toString(), "env", "-i",
                "PATH=/usr/sbin:/usr/bin:/sbin:/bin"));
        full.addAll(List.of(cmd));
        return Tools.run(full, null).strip();
    }

    @Test
    void theTargetsToolsReadWhatTheSysidcfgSaid() throws Exception {
        Tools.requireTool("chroot");
        Path root = DebianRoot.copyTo(work.resolve("root"));
        byte[] shadowBefore = Files.readAllBytes(root.resolve("etc/shadow"));
        FileStat shadowStat = Posix.lstat(root.resolve("etc/shadow"));

        Applied a = SysidcfgApplier.apply(Sysidcfg.parse(SYSIDCFG, "sysidcfg"), root);

        assertThat(a.layout()).as("minbase has no /etc/network: networkd").isEqualTo(NetworkLayout.NETWORKD);
        assertThat(chroot(root, "cat", "/etc/hostname")).isEqualTo("web02");
        assertThat(chroot(root, "getent", "hosts", "web02")).isEqualTo("192.0.2.10      web02.example.com web02");
        assertThat(chroot(root, "getent", "hosts", "localhost")).startsWith("::1").contains("localhost");
        assertThat(chroot(root, "date", "-d", "@0", "+%Z %z")).isEqualTo("CET +0100");
        assertThat(chroot(root, "date", "-d", "@1593561600", "+%Z")).isEqualTo("CEST");
        assertThat(chroot(root, "cat", "/etc/timezone")).isEqualTo("Europe/Berlin");
        assertThat(chroot(root, "sh", "-c", ". /etc/default/locale; echo $LANG")).isEqualTo("C.UTF-8");
        assertThat(chroot(root, "getent", "shadow", "root")).startsWith("root:" + SysidcfgParserTest.SHA512 + ":");
        assertThat(Files.readString(root.resolve("etc/resolv.conf")).lines())
                .containsSubsequence("search example.com", "nameserver 192.0.2.53");
        assertThat(Files.readString(root.resolve("etc/systemd/network/06-sysidcfg-primary.network")).lines())
                .contains("Address=192.0.2.10/24", "Gateway=192.0.2.1");
        assertThat(Files.readString(root.resolve("etc/systemd/timesyncd.conf.d/sysidcfg.conf")))
                .contains("NTP=ntp.example.com");

        // shadow: only root's hash changed; owner (root:shadow) and mode (0640) kept.
        String oldText = new String(shadowBefore, StandardCharsets.UTF_8);
        String oldHash = oldText.lines().filter(l -> l.startsWith("root:")).findFirst().orElseThrow().split(":")[1];
        assertThat(Files.readString(root.resolve("etc/shadow")))
                .isEqualTo(oldText.replaceFirst("(?m)^root:" + java.util.regex.Pattern.quote(oldHash) + ":",
                        java.util.regex.Matcher.quoteReplacement("root:" + SysidcfgParserTest.SHA512 + ":")));
        FileStat after = Posix.lstat(root.resolve("etc/shadow"));
        assertThat(List.of(after.uid(), after.gid(), after.permissions()))
                .isEqualTo(List.of(shadowStat.uid(), shadowStat.gid(), shadowStat.permissions()));
        assertThat(after.gid()).as("Debian's shadow group").isNotZero();
    }

    @Test
    void ifupdownOnDebianWhenNetworkExists() throws Exception {
        Tools.requireTool("chroot");
        Tools.requireTool("ifquery");
        Path root = DebianRoot.copyTo(work.resolve("root"));
        Files.createDirectories(root.resolve("etc/network/interfaces.d"));
        Files.writeString(root.resolve("etc/network/interfaces"),
                "source /etc/network/interfaces.d/*\nauto lo\niface lo inet loopback\nallow-hotplug enp1s0\n"
                        + "iface enp1s0 inet dhcp\n");
        Applied a = SysidcfgApplier.apply(Sysidcfg.parse(SYSIDCFG, "sysidcfg"), root);
        assertThat(a.layout()).isEqualTo(NetworkLayout.IFUPDOWN);
        assertThat(Tools.run(List.of("ifquery", "-i", root.resolve("etc/network/interfaces").toString(), "enp1s0"),
                null).lines()).contains("address: 192.0.2.10", "gateway: 192.0.2.1", "netmask: 255.255.255.0");
    }

    @Test
    void aBadSysidcfgChangesNothing() throws Exception {
        // Two copies made the same way (cp punches the same holes), one to apply to, one to compare with.
        Path before = DebianRoot.copyTo(work.resolve("before"));
        Path root = DebianRoot.copyTo(work.resolve("root"));
        Sysidcfg bad = Sysidcfg.parse(SYSIDCFG.replace("Europe/Berlin", "Europe/Atlantis"), "bad.cfg");
        assertThatThrownBy(() -> SysidcfgApplier.apply(bad, root)).isInstanceOf(SysidcfgException.class)
                .hasMessageStartingWith("bad.cfg:4:10: time zone 'Europe/Atlantis'");
        assertThat(IndependentComparison.differences(before, root)).isEmpty();
    }
}
