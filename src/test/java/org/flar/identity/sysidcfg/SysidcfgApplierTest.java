package org.flar.identity.sysidcfg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flar.identity.sysidcfg.SyntheticRoot.read;
import static org.flar.identity.sysidcfg.SyntheticRoot.write;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;
import org.flar.testing.IndependentComparison;
import org.flar.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applying sysidcfg files to synthetic roots of each network layout; written files read back by real tools where one exists. */
class SysidcfgApplierTest {
    static final String STATIC = """
            hostname=web02
            network_interface=PRIMARY {ip_address=192.0.2.10 netmask=255.255.255.0 default_route=192.0.2.1
                                       protocol_ipv6=no}
            name_service=DNS {domain_name=example.com name_server=192.0.2.53,198.51.100.53 search=example.com,corp.example.com}
            """;
    static final String DHCP = """
            network_interface=PRIMARY {dhcp protocol_ipv6=yes hostname=client7}
            """;

    @TempDir
    Path dir;

    private static Applied apply(String sysidcfg, Path root) throws Exception {
        return SysidcfgApplier.apply(Sysidcfg.parse(sysidcfg, "sysidcfg"), root);
    }

    @Test
    void networkdIsTheDefaultAndPrimaryMatchesAnyWiredInterface() throws Exception {
        Path root = SyntheticRoot.create(dir.resolve("root"), false);
        Applied a = apply(STATIC, root);
        assertThat(a.layout()).isEqualTo(NetworkLayout.NETWORKD);
        String network = read(root, "etc/systemd/network/06-sysidcfg-primary.network");
        assertThat(network.lines()).contains("Name=en* eth*", "Address=192.0.2.10/24", "Gateway=192.0.2.1",
                "DNS=192.0.2.53", "DNS=198.51.100.53", "Domains=example.com corp.example.com",
                "IPv6AcceptRA=no", "LinkLocalAddressing=no").doesNotContain("DHCP=ipv4");
        assertThat(a.written()).containsExactly("/etc/systemd/network/06-sysidcfg-primary.network",
                "/etc/hostname", "/etc/hosts", "/etc/resolv.conf");
        assertThat(mode(root, "etc/systemd/network/06-sysidcfg-primary.network")).isEqualTo(0644);
        assertThat(mode(root, "etc/systemd/network")).isEqualTo(0755);
    }

    @Test
    void networkdInstalledButDisabledIsEnabledOnceAsSystemctlWould() throws Exception {
        Path root = SyntheticRoot.create(dir.resolve("root"), true);
        write(root, "usr/lib/systemd/system/systemd-networkd.service", "[Unit]\n");
        write(root, "usr/lib/systemd/system/systemd-networkd.socket", "[Unit]\n");
        Applied a = apply(STATIC, root);
        String wants = "etc/systemd/system/multi-user.target.wants/systemd-networkd.service";
        assertThat(Files.readSymbolicLink(root.resolve(wants))).hasToString("/lib/systemd/system/systemd-networkd.service");
        assertThat(Files.readSymbolicLink(root.resolve("etc/systemd/system/sockets.target.wants/systemd-networkd.socket")))
                .hasToString("/lib/systemd/system/systemd-networkd.socket");
        assertThat(a.written()).contains("/" + wants);

        // enabled already (by the master's admin, or a first apply): left as it is
        Files.delete(root.resolve("etc/systemd/system/sockets.target.wants/systemd-networkd.socket"));
        assertThat(apply(STATIC, root).written()).doesNotContain("/" + wants);
        assertThat(root.resolve("etc/systemd/system/sockets.target.wants/systemd-networkd.socket")).doesNotExist();
    }

    @Test
    void anUninitializedMachineIdIsInitializedSoTheFirstBootAsksNothing() throws Exception {
        Path root = SyntheticRoot.create(dir.resolve("root"), true);
        write(root, "etc/machine-id", "uninitialized\n");
        assertThat(apply(STATIC, root).written()).contains("/etc/machine-id");
        String id = read(root, "etc/machine-id");
        assertThat(id).matches("[0-9a-f]{32}\n");

        // one with an ID keeps it
        assertThat(apply(STATIC, root).written()).doesNotContain("/etc/machine-id");
        assertThat(read(root, "etc/machine-id")).isEqualTo(id);
    }

    @Test
    void networkdNamedAndDhcp() throws Exception {
        Path root = SyntheticRoot.create(dir.resolve("root"), false);
        write(root, "etc/systemd/network/10-master.network", "[Match]\nName=enp3s0\n\n[Network]\nDHCP=yes\n");
        Applied a = apply(DHCP + "network_interface=eth9 {dhcp}\n", root);
        assertThat(read(root, "etc/systemd/network/05-sysidcfg-enp3s0.network").lines())
                .contains("Name=enp3s0", "DHCP=yes", "IPv6AcceptRA=yes", "LinkLocalAddressing=ipv6");
        assertThat(read(root, "etc/systemd/network/05-sysidcfg-eth9.network").lines())
                .contains("Name=eth9", "DHCP=ipv4", "IPv6AcceptRA=no");
        assertThat(a.written()).hasSize(4);
    }

    @Test
    void ifupdownKeepsOtherStanzasAndIfqueryReadsOurs() throws Exception {
        Tools.requireTool("ifquery");
        Path root = SyntheticRoot.create(dir.resolve("root"), true);
        write(root, "etc/network/interfaces", """
                source /etc/network/interfaces.d/*

                auto lo
                iface lo inet loopback

                allow-hotplug enp1s0 enp2s0
                iface enp1s0 inet dhcp
                \tpre-up echo master
                iface enp1s0 inet6 auto

                iface enp2s0 inet manual
                """);
        Applied a = apply(STATIC, root);
        assertThat(a.layout()).isEqualTo(NetworkLayout.IFUPDOWN);
        String file = read(root, "etc/network/interfaces");
        assertThat(file).doesNotContain("master").contains("allow-hotplug enp2s0\n", "iface enp2s0 inet manual",
                "auto lo\niface lo inet loopback", "auto enp1s0\niface enp1s0 inet static");
        Path interfaces = root.resolve("etc/network/interfaces");
        assertThat(Tools.run(List.of("ifquery", "-i", interfaces.toString(), "enp1s0"), null).lines())
                .contains("address: 192.0.2.10", "netmask: 255.255.255.0", "gateway: 192.0.2.1",
                        "dns-nameservers: 192.0.2.53 198.51.100.53", "dns-search: example.com corp.example.com");
        assertThat(Tools.run(List.of("ifquery", "-i", interfaces.toString(), "--list", "--allow=auto"), null).lines())
                .containsExactlyInAnyOrder("lo", "enp1s0");
        assertThat(file).doesNotContain("inet6");
    }

    @Test
    void ifupdownPrimaryWithoutANameIsTheFirstWiredInterfaceByPattern() throws Exception {
        Tools.requireTool("ifquery");
        Path root = SyntheticRoot.create(dir.resolve("root"), true);
        write(root, "etc/network/interfaces", "auto lo\niface lo inet loopback\n");
        apply(STATIC, root);
        apply(STATIC, root); // again: the pattern stanza is replaced, not repeated
        String file = read(root, "etc/network/interfaces");
        assertThat(file).containsOnlyOnce("auto /e[nt]*/1=primary\niface primary inet static\n");
        assertThat(Tools.run(List.of("ifquery", "-i", root.resolve("etc/network/interfaces").toString(), "primary"),
                null).lines()).contains("address: 192.0.2.10", "gateway: 192.0.2.1");
        // With the Linux name given, that is used, and IPv6 gets its stanza.
        apply(DHCP.replace("PRIMARY", "ens3"), root);
        assertThat(read(root, "etc/network/interfaces")).contains("iface ens3 inet dhcp\niface ens3 inet6 auto\n");
    }

    @Test
    void ifcfgWithoutANameIsRefusedAndNothingChanges() throws Exception {
        Path root = SyntheticRoot.create(dir.resolve("root"), false);
        Files.createDirectories(root.resolve("etc/sysconfig/network-scripts"));
        Path before = SyntheticRoot.snapshot(root, dir.resolve("before"));
        assertThatThrownBy(() -> apply(DHCP, root)).isInstanceOf(SysidcfgException.class)
                .hasMessage("sysidcfg:1:19: cannot tell which Linux interface 'PRIMARY' is: the target's ifcfg "
                        + "configuration names none; write the Linux name, e.g. network_interface=enp1s0");
        assertThat(IndependentComparison.differences(before, root)).isEmpty();
    }

    @Test
    void netplanFileIsYamlNetplanReads() throws Exception {
        Tools.requireTool("python3");
        Path root = SyntheticRoot.create(dir.resolve("root"), false);
        write(root, "etc/netplan/50-cloud-init.yaml", """
                network:
                  version: 2
                  ethernets:
                    "ens3":
                      dhcp4: true
                      set-name: ens3
                """);
        Applied a = apply(STATIC, root);
        assertThat(a.layout()).isEqualTo(NetworkLayout.NETPLAN);
        assertThat(mode(root, NetplanWriter.FILE)).isEqualTo(0600);
        String json = Tools.run(List.of("python3", "-c",
                "import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1])), sort_keys=True))",
                root.resolve(NetplanWriter.FILE).toString()), null).strip();
        assertThat(json).isEqualTo("{\"network\": {\"ethernets\": {\"ens3\": {\"accept-ra\": false, "
                + "\"addresses\": [\"192.0.2.10/24\"], \"dhcp4\": false, \"dhcp6\": false, \"link-local\": [], "
                + "\"nameservers\": {\"addresses\": [\"192.0.2.53\", \"198.51.100.53\"], "
                + "\"search\": [\"example.com\", \"corp.example.com\"]}, "
                + "\"routes\": [{\"to\": \"default\", \"via\": \"192.0.2.1\"}]}}, \"version\": 2}}");
    }

    @Test
    void netplanPrimaryWithoutANameMatchesByPattern() throws Exception {
        Tools.requireTool("python3");
        Path root = SyntheticRoot.create(dir.resolve("root"), false);
        Files.createDirectories(root.resolve("etc/netplan"));
        apply(DHCP, root);
        apply(DHCP, root); // again: the "primary" id with a match names no interface, so nothing changes
        String json = Tools.run(List.of("python3", "-c",
                "import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))['network']['ethernets'], sort_keys=True))",
                root.resolve(NetplanWriter.FILE).toString()), null).strip();
        assertThat(json).isEqualTo("{\"primary\": {\"accept-ra\": true, \"dhcp4\": true, \"dhcp6\": true, "
                + "\"link-local\": [\"ipv6\"], \"match\": {\"name\": \"e[nt]*\"}}}");
    }

    @Test
    void networkManagerKeyfileIsPrivateAndComplete() throws Exception {
        Path root = SyntheticRoot.create(dir.resolve("root"), false);
        write(root, "etc/NetworkManager/NetworkManager.conf", "[main]\nplugins=keyfile\n");
        Applied a = apply(STATIC.replace("PRIMARY", "enp0s31f6"), root);
        assertThat(a.layout()).isEqualTo(NetworkLayout.NETWORK_MANAGER);
        String rel = "etc/NetworkManager/system-connections/sysidcfg-enp0s31f6.nmconnection";
        Map<String, Map<String, String>> ini = Ini.parse(read(root, rel));
        assertThat(ini.get("connection")).containsEntry("type", "ethernet").containsEntry("interface-name", "enp0s31f6")
                .containsEntry("id", "sysidcfg-enp0s31f6").containsKey("uuid");
        assertThat(ini.get("ipv4")).containsEntry("method", "manual").containsEntry("address1", "192.0.2.10/24")
                .containsEntry("gateway", "192.0.2.1").containsEntry("dns", "192.0.2.53;198.51.100.53;")
                .containsEntry("dns-search", "example.com;corp.example.com;");
        assertThat(ini.get("ipv6")).containsEntry("method", "disabled");
        assertThat(ini).containsKey("ethernet");
        assertThat(mode(root, rel)).isEqualTo(0600);
        assertThat(Posix.lstat(root.resolve(rel)).uid()).isZero();
        // The same sysidcfg twice writes the same file (the UUID comes from the name).
        String first = read(root, rel);
        apply(STATIC.replace("PRIMARY", "enp0s31f6"), root);
        assertThat(read(root, rel)).isEqualTo(first);
    }

    @Test
    void ifcfgIsRewrittenWithoutTheMastersHardwareAddress() throws Exception {
        Tools.requireTool("bash");
        Path root = SyntheticRoot.create(dir.resolve("root"), false);
        write(root, "etc/sysconfig/network-scripts/ifcfg-lo", "DEVICE=lo\n");
        write(root, "etc/sysconfig/network-scripts/ifcfg-eth0",
                "DEVICE=eth0\nHWADDR=52:54:00:12:34:56\nBOOTPROTO=dhcp\nONBOOT=yes\n");
        Applied a = apply(STATIC, root);
        assertThat(a.layout()).isEqualTo(NetworkLayout.IFCFG);
        Path file = root.resolve("etc/sysconfig/network-scripts/ifcfg-eth0");
        assertThat(Files.readString(file)).doesNotContain("HWADDR");
        String sourced = Tools.run(List.of("bash", "-c", "set -u; . \"$1\"; echo \"$DEVICE $BOOTPROTO $IPADDR $PREFIX "
                + "$GATEWAY $DNS1 $DNS2 $DOMAIN $IPV6INIT $ONBOOT\"", "-", file.toString()), null).strip();
        assertThat(sourced).isEqualTo("eth0 none 192.0.2.10 24 192.0.2.1 192.0.2.53 198.51.100.53 "
                + "example.com corp.example.com no yes");
    }

    @Test
    void solarisNamesAreTheTargetsInterfacesInOrder() throws Exception {
        Path root = SyntheticRoot.create(dir.resolve("root"), false);
        write(root, "etc/sysconfig/network-scripts/ifcfg-ens1", "DEVICE=ens1\n");
        write(root, "etc/sysconfig/network-scripts/ifcfg-ens2", "DEVICE=ens2\n");
        apply("network_interface=e1000g1 {dhcp}\nnetwork_interface=net0 {dhcp}\n", root);
        assertThat(read(root, "etc/sysconfig/network-scripts/ifcfg-ens1")).contains("BOOTPROTO=dhcp");
        assertThat(read(root, "etc/sysconfig/network-scripts/ifcfg-ens2")).contains("BOOTPROTO=dhcp");
        assertThatThrownBy(() -> apply("network_interface=bge2 {dhcp}\n", root))
                .hasMessageContaining("'bge2'").hasMessageContaining("names 2 (ens1, ens2)");
        assertThatThrownBy(() -> apply("network_interface=net1 {dhcp}\nnetwork_interface=ens2 {dhcp}\n", root))
                .hasMessage("sysidcfg:2:19: two network_interface entries configure interface ens2 on this target");
    }

    @Test
    void hostsGetsTheStaticAddressOr127011() throws Exception {
        Path root = SyntheticRoot.create(dir.resolve("root"), true);
        apply(STATIC, root);
        assertThat(read(root, "etc/hostname")).isEqualTo("web02\n");
        assertThat(read(root, "etc/hosts")).isEqualTo("127.0.0.1\tlocalhost\n192.0.2.10\tweb02.example.com web02\n\n"
                + "# The following lines are desirable for IPv6 capable hosts\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        apply(DHCP.replace("PRIMARY", "eth1"), root); // client7 on DHCP: Debian's 127.0.1.1 convention
        assertThat(read(root, "etc/hostname")).isEqualTo("client7\n");
        assertThat(read(root, "etc/hosts").lines()).contains("127.0.1.1\tclient7", "192.0.2.10\tweb02.example.com web02");
    }

    @Test
    void resolvConfOrResolvedDropIn() throws Exception {
        Path root = SyntheticRoot.create(dir.resolve("root"), false);
        apply(STATIC, root);
        assertThat(read(root, "etc/resolv.conf")).isEqualTo("# Written by flar from a sysidcfg.\n"
                + "search example.com corp.example.com\nnameserver 192.0.2.53\nnameserver 198.51.100.53\n");
        apply("name_service=DNS {domain_name=example.org name_server=192.0.2.1}", root);
        assertThat(read(root, "etc/resolv.conf").lines()).contains("domain example.org", "nameserver 192.0.2.1")
                .noneMatch(l -> l.startsWith("search"));

        Path resolved = SyntheticRoot.create(dir.resolve("resolved"), false);
        Files.delete(resolved.resolve("etc/hosts"));
        Files.createSymbolicLink(resolved.resolve("etc/resolv.conf"), Path.of("../run/systemd/resolve/stub-resolv.conf"));
        Applied a = apply(STATIC, resolved);
        assertThat(Files.readSymbolicLink(resolved.resolve("etc/resolv.conf")))
                .isEqualTo(Path.of("../run/systemd/resolve/stub-resolv.conf"));
        assertThat(Ini.parse(read(resolved, ResolverWriter.RESOLVED_DROPIN)).get("Resolve"))
                .containsEntry("DNS", "192.0.2.53 198.51.100.53").containsEntry("Domains", "example.com corp.example.com");
        assertThat(a.written()).doesNotContain("/etc/resolv.conf").contains("/" + ResolverWriter.RESOLVED_DROPIN);
        assertThat(read(resolved, "etc/hosts")).startsWith("127.0.0.1\tlocalhost\n192.0.2.10\tweb02.example.com web02\n");
    }

    @Test
    void timezoneLinksTheTargetsZoneAndTheTargetsDateReadsIt() throws Exception {
        Path root = SyntheticRoot.create(dir.resolve("root"), true);
        write(root, "etc/timezone", "Etc/UTC\n");
        apply("timezone=US/Central", root);
        assertThat(Files.readSymbolicLink(root.resolve("etc/localtime"))).isEqualTo(Path.of("/usr/share/zoneinfo/US/Central"));
        assertThat(read(root, "etc/timezone")).isEqualTo("US/Central\n");
        Path before = SyntheticRoot.snapshot(root, dir.resolve("before"));
        assertThatThrownBy(() -> apply("\n  timezone=Mars/Olympus_Mons", root)).isInstanceOf(SysidcfgException.class)
                .hasMessage("sysidcfg:2:12: time zone 'Mars/Olympus_Mons' is not in the target's /usr/share/zoneinfo"
                        + " (is tzdata installed there?)");
        assertThatThrownBy(() -> apply("timezone=Europe", root)).hasMessageContaining("is not in the target's");
        assertThat(IndependentComparison.differences(before, root)).isEmpty();
    }

    @Test
    void shadowKeepsEveryOtherByteAndItsOwnerAndMode() throws Exception {
        Path root = SyntheticRoot.create(dir.resolve("root"), true);
        FileStat before = Posix.lstat(root.resolve("etc/shadow"));
        apply("root_password=" + SysidcfgParserTest.YESCRYPT, root);
        assertThat(read(root, "etc/shadow")).isEqualTo(SyntheticRoot.SHADOW.replace("root:*:",
                "root:" + SysidcfgParserTest.YESCRYPT + ":"));
        FileStat after = Posix.lstat(root.resolve("etc/shadow"));
        assertThat(after.ino()).isNotEqualTo(before.ino()); // replaced by rename, not rewritten in place
        assertThat(List.of(after.uid(), after.gid(), after.permissions()))
                .isEqualTo(List.of(0, SyntheticRoot.SHADOW_GID, 0640));
        Files.writeString(root.resolve("etc/shadow"), "daemon:*:1:0:99999:7:::\n");
        assertThatThrownBy(() -> apply("root_password=" + SysidcfgParserTest.DES, root))
                .hasMessageEndingWith("etc/shadow: no line for root; cannot set root's password");
    }

    @Test
    void localeAndKeyboardPerFamily() throws Exception {
        Path debian = SyntheticRoot.create(dir.resolve("debian"), true);
        write(debian, "etc/default/keyboard", "XKBMODEL=\"pc105\"\nXKBLAYOUT=\"us\"\nXKBVARIANT=\"\"\n");
        apply("system_locale=de_DE.UTF-8\nkeyboard=German", debian);
        String sourced = Tools.run(List.of("sh", "-c", ". \"$1\"/etc/default/locale; . \"$1\"/etc/default/keyboard; "
                + "echo \"$LANG $XKBMODEL $XKBLAYOUT\"", "-", debian.toString()), null).strip();
        assertThat(sourced).isEqualTo("de_DE.UTF-8 pc105 de");
        assertThat(Files.exists(debian.resolve("etc/locale.conf"))).isFalse();

        Path rhel = SyntheticRoot.create(dir.resolve("rhel"), false);
        write(rhel, "etc/locale.conf", "LANG=\"en_US.UTF-8\"\nLC_TIME=\"C\"\n");
        apply("system_locale=fr_FR.UTF-8\nkeyboard=fr", rhel);
        assertThat(read(rhel, "etc/locale.conf")).isEqualTo("LANG=\"fr_FR.UTF-8\"\nLC_TIME=\"C\"\n");
        assertThat(read(rhel, "etc/vconsole.conf")).isEqualTo("KEYMAP=\"fr\"\nXKBLAYOUT=\"fr\"\n");
    }

    @Test
    void timeserverGoesToTheClientTheTargetHas() throws Exception {
        Path timesyncd = SyntheticRoot.create(dir.resolve("a"), false);
        apply("timeserver=ntp.example.com", timesyncd);
        assertThat(Ini.parse(read(timesyncd, "etc/systemd/timesyncd.conf.d/sysidcfg.conf")).get("Time"))
                .containsEntry("NTP", "ntp.example.com");

        Path chrony = SyntheticRoot.create(dir.resolve("b"), true);
        Files.createDirectories(chrony.resolve("etc/chrony/sources.d"));
        apply("timeserver=192.0.2.123", chrony);
        assertThat(read(chrony, "etc/chrony/sources.d/sysidcfg.sources")).endsWith("\nserver 192.0.2.123 iburst\n");

        Path ntp = SyntheticRoot.create(dir.resolve("c"), false);
        write(ntp, "etc/ntp.conf", "driftfile /var/lib/ntp/drift\npool 0.pool.ntp.org iburst");
        apply("timeserver=192.0.2.123", ntp);
        apply("timeserver=192.0.2.123", ntp);
        assertThat(read(ntp, "etc/ntp.conf"))
                .isEqualTo("driftfile /var/lib/ntp/drift\npool 0.pool.ntp.org iburst\nserver 192.0.2.123 iburst\n");

        Applied local = apply("timeserver=localhost\nterminal=vt100\nservice_profile=open", ntp);
        assertThat(local.written()).isEmpty();
        assertThat(local.notApplied()).hasSize(3).allMatch(n -> n.contains("not applied") || n.contains("own clock"));
    }

    @Test
    void neverWritesThroughASymlinkOutOfTheRoot() throws Exception {
        Path root = SyntheticRoot.create(dir.resolve("root"), false);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(root.resolve("etc/systemd"));
        Files.createSymbolicLink(root.resolve("etc/systemd/network"), outside);
        Path before = SyntheticRoot.snapshot(root, dir.resolve("before"));
        assertThatThrownBy(() -> apply(STATIC, root)).hasMessageContaining("etc/systemd/network: a symlink");
        assertThat(outside).isEmptyDirectory();
        assertThat(IndependentComparison.differences(before, root)).isEmpty();

        // A final symlink is replaced by the file, never followed.
        Path root2 = SyntheticRoot.create(dir.resolve("root2"), false);
        Path hostFile = Files.writeString(dir.resolve("host-hostname"), "host\n");
        Files.delete(root2.resolve("etc/hostname"));
        Files.createSymbolicLink(root2.resolve("etc/hostname"), hostFile);
        apply("hostname=clone", root2);
        assertThat(Files.readString(hostFile)).isEqualTo("host\n");
        assertThat(Files.isSymbolicLink(root2.resolve("etc/hostname"))).isFalse();
        assertThat(read(root2, "etc/hostname")).isEqualTo("clone\n");

        // A zoneinfo link pointing above the root is not followed onto the host.
        Files.createSymbolicLink(root2.resolve("usr/share/zoneinfo/Escape"), Path.of("../../../../../usr/share/zoneinfo/UTC"));
        assertThatThrownBy(() -> apply("timezone=Escape", root2)).hasMessageContaining("is not in the target's");
    }

    @Test
    void noLeftoverTemporaryFiles() throws Exception {
        Path root = SyntheticRoot.create(dir.resolve("root"), true);
        apply(STATIC + "timezone=UTC\nroot_password=" + SysidcfgParserTest.SHA512 + "\n", root);
        try (var all = Files.walk(root)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".flar-sysidcfg"));
        }
    }

    private static int mode(Path root, String rel) throws Exception {
        assertThat(Files.exists(root.resolve(rel), LinkOption.NOFOLLOW_LINKS)).as(rel).isTrue();
        return Posix.lstat(root.resolve(rel)).permissions();
    }
}
