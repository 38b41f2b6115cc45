package org.flar.identity.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileParserTest {

    private static Profile parse(String text) throws Exception {
        return ProfileParser.parse(text, "site.profile", "site");
    }

    @Test
    void readsEveryKindOfItem() throws Exception {
        Profile p = parse("""
                # a site profile
                os = linux
                [motd]
                description = The greeting
                path = etc/motd
                action = replace
                content = Welcome\\tclone\\n\\x41
                [fstab]
                path = /etc/fstab
                action = edit-lines
                drop = ^\\S+\\s+\\S+\\s+nfs\\s
                substitute = |^(root):[^:]*:|$1:*:|
                [keys]
                path = etc/ssh/ssh_host_*_key
                action = regenerate
                """);
        assertThat(p.os()).isEqualTo("linux");
        assertThat(p.items()).extracting(IdentityItem::name).containsExactly("motd", "fstab", "keys");
        IdentityItem motd = p.item("motd");
        assertThat(motd.action()).isEqualTo(Action.REPLACE);
        assertThat(new String(motd.content(), StandardCharsets.UTF_8)).isEqualTo("Welcome\tclone\nA");
        assertThat(motd.os()).isEqualTo("linux");
        IdentityItem fstab = p.item("fstab");
        assertThat(fstab.paths()).extracting(PathGlob::text).containsExactly("etc/fstab");
        assertThat(LineEditor.edit("srv:/x /mnt nfs rw 0 0\nroot:$6$h:1:\nUUID=1 / ext4 rw 0 1\n".getBytes(), fstab.edits()).content())
                .asString().isEqualTo("root:*:1:\nUUID=1 / ext4 rw 0 1\n");
        assertThat(p.item("keys").generator()).isEqualTo(IdentityItem.SSH_HOST_KEYS);
    }

    @Test
    void extendsABuiltInProfileOverridingAndSwitchingOffItems() throws Exception {
        Profile p = parse("""
                extends = linux
                [hostname]
                content = golden\\n
                [logs]
                action = keep
                [site-secret]
                path = etc/site/token
                action = remove
                """);
        Profile linux = Profile.builtIn("linux");
        assertThat(p.items()).hasSize(linux.items().size() + 1);
        assertThat(p.item("hostname").paths()).extracting(PathGlob::text).containsExactly("etc/hostname", "etc/HOSTNAME");
        assertThat(new String(p.item("hostname").content(), StandardCharsets.UTF_8)).isEqualTo("golden\n");
        assertThat(p.item("logs").action()).isEqualTo(Action.KEEP);
        assertThat(p.item("site-secret").os()).isEqualTo("linux");
    }

    /** The site profile example of docs/identity.md: clones keep their interfaces, on DHCP. */
    @Test
    void theDocumentedDhcpExampleTurnsStaticInterfacesIntoDhcp() throws Exception {
        Profile p = parse("""
                extends = linux
                [ifupdown]
                action = edit-lines
                substitute = /^(\\s*iface\\s+\\S+\\s+inet)\\s+static\\b.*/$1 dhcp/
                drop = ^\\s*(address|netmask|gateway|broadcast|network|pointopoint|hwaddress|dns-\\S+)\\s
                [puppet-certificate]
                description = The Puppet agent's certificate and key
                path = var/lib/puppet/ssl/**/*
                action = remove
                """);
        String interfaces = """
                source /etc/network/interfaces.d/*
                auto lo
                iface lo inet loopback
                auto eth0
                iface eth0 inet static
                    address 10.0.0.5/24
                    gateway 10.0.0.1
                    dns-nameservers 10.0.0.53
                """;
        assertThat(new String(LineEditor.edit(interfaces.getBytes(StandardCharsets.UTF_8), p.item("ifupdown").edits()).content(),
                StandardCharsets.UTF_8)).isEqualTo("""
                source /etc/network/interfaces.d/*
                auto lo
                iface lo inet loopback
                auto eth0
                iface eth0 inet dhcp
                """);
        assertThat(p.item("ifupdown").paths()).extracting(PathGlob::text).containsExactly("etc/network/interfaces");
        assertThat(p.item("puppet-certificate").paths().getFirst().matches("var/lib/puppet/ssl/private_keys/web01.pem")).isTrue();
    }

    @Test
    void builtInProfilesParse() throws Exception {
        for (String name : Profile.BUILT_IN) {
            Profile p = Profile.builtIn(name);
            assertThat(p.os()).isEqualTo(name);
            assertThat(p.items()).allSatisfy(i -> assertThat(i.description()).isNotBlank());
        }
        assertThat(Profile.builtIn("linux").items()).extracting(IdentityItem::name).contains("hostname", "hosts",
                "machine-id", "dbus-machine-id", "ssh-host-keys", "ifupdown", "systemd-networkd", "netplan",
                "networkmanager-connections", "ifcfg", "ifcfg-hwaddr", "resolv-conf", "dhcp-leases",
                "persistent-net-rules", "random-seed", "kerberos-keytab", "nis-client", "ldap-client", "sssd-client",
                "cloud-init-state", "logs", "shell-history", "passwd-backups", "lvm-system-devices", "root-password",
                "nfs-mounts");
        assertThat(Profile.builtIn("solaris").items()).extracting(IdentityItem::name).contains("hosts", "nfs-vfstab",
                "dns-client", "nis-client", "ldap-client", "interfaces", "root-password", "sysidcfg", "defaultrouter",
                "netmasks", "ssh-host-keys", "timezone");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key        | [a]\\npath = x\\naction = remove\\ncolour = red                 | 4 | 1 | unknown keyword 'colour'
            bad action         | [a]\\npath = x\\naction = shred                              | 3 | 10 | unknown action 'shred'
            no action          | [a]\\npath = x                                              | 1 | 1 | has no 'action'
            no path            | \\n[a]\\naction = remove                                    | 2 | 1 | has no 'path'
            no equals          | [a]\\npath x                                                | 2 | 1 | expected 'key = value'
            bad regex          | [a]\\npath = x\\naction = edit-lines\\ndrop = ab(c           | 4 | 12 | bad regular expression
            bad substitute     | [a]\\npath = x\\naction = edit-lines\\nsubstitute = /a/b     | 4 | 14 | expected three '/'
            bad group          | [a]\\npath = x\\naction = edit-lines\\nsubstitute = /a/$2/   | 4 | 17 | '$' must name a group
            dotdot path        | [a]\\npath = etc/../x\\naction = remove                      | 2 | 8 | '..' component
            bad escape         | [a]\\npath = x\\naction = replace\\ncontent = ab\\q           | 4 | 13 | unknown escape
            content on remove  | [a]\\npath = x\\naction = remove\\ncontent = x                | 4 | 1 | 'content' is for 'action = replace' only
            twice              | [a]\\npath = x\\naction = remove\\n[a]\\npath = y\\naction = remove | 4 | 2 | defined twice
            bad name           | [A b]                                                       | 1 | 2 | bad item name
            unclosed           | [a                                                          | 1 | 3 | without ']'
            key before item    | path = x                                                    | 1 | 1 | before the first [item]
            bad os             | os = windows                                                | 1 | 6 | unknown OS family
            bad extends        | extends = bsd                                               | 1 | 11 | no built-in profile 'bsd'
            single twice       | [a]\\npath = x\\naction = remove\\naction = remove            | 4 | 1 | given twice
            """)
    void errorsSayFileLineAndColumn(String what, String text, int line, int column, String problem) {
        assertThatThrownBy(() -> parse(text.replace("\\n", "\n")))
                .isInstanceOf(ProfileSyntaxException.class)
                .hasMessageStartingWith("site.profile:" + line + ":" + column + ": ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((ProfileSyntaxException) e).line()).isEqualTo(line));
    }

    @Test
    void globsMatchWithinANameAndAcrossDirectories() {
        assertThat(PathGlob.of("var/log/**/*.gz").matches("var/log/a.gz")).isTrue();
        assertThat(PathGlob.of("var/log/**/*.gz").matches("var/log/x/y/a.gz")).isTrue();
        assertThat(PathGlob.of("var/log/**/*.gz").matches("var/lib/a.gz")).isFalse();
        assertThat(PathGlob.of("etc/sysconfig/network-scripts/ifcfg-[!l]*").matches("etc/sysconfig/network-scripts/ifcfg-lo")).isFalse();
        assertThat(PathGlob.of("etc/sysconfig/network-scripts/ifcfg-[!l]*").matches("etc/sysconfig/network-scripts/ifcfg-eth0")).isTrue();
        assertThat(PathGlob.of("home/*/.*history").matches("home/ann/.bash_history")).isTrue();
        assertThat(PathGlob.of("home/*/.*history").matches("home/ann/sub/.bash_history")).isFalse();
        assertThat(List.of("a/**", "", "a//b", "./a")).allSatisfy(bad ->
                assertThatThrownBy(() -> PathGlob.of(bad)).isInstanceOf(IllegalArgumentException.class));
    }
}
