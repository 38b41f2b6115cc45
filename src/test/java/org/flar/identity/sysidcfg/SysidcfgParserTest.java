package org.flar.identity.sysidcfg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Example-based tests of every keyword and every error of the sysidcfg parser. */
class SysidcfgParserTest {
    // Made with: openssl passwd -6 -salt abcdefgh secret (and -1, -5); python3 crypt for $2b$, $y$ and DES.
    static final String SHA512 = "$6$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.";
    static final String MD5 = "$1$abc$iCQ2D3nhptRYi27fDYv2s1";
    static final String SHA256 = "$5$abc$qsg6EHbUzHQzF1POlD7zUwBINSELQxypPaeDcZe6vH0";
    static final String BCRYPT = "$2b$12$00F6T5wzBZ3gsGZIj.wOuO3DUWNTnJ5zqKC6P/gPvg4LNcWleSrKq";
    static final String YESCRYPT = "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$GmcwIgvdUC9qLWcKCi6gklUa1dM3ziD43YxYNURLKy0";
    static final String DES = "abNANd1rDfiNc";

    private static Sysidcfg parse(String text) throws SysidcfgException {
        return Sysidcfg.parse(text, "test.cfg");
    }

    @Test
    void everyKeyword() throws Exception {
        Sysidcfg c = parse("""
                # a clone of web01
                HOSTNAME=web02
                network_interface=PRIMARY {hostname=web02 ip_address=192.0.2.10 netmask=255.255.255.0
                                           default_route=192.0.2.1 protocol_ipv6=yes}
                network_interface=eth1 {dhcp protocol_ipv6=no}
                name_service=DNS {domain_name=example.com name_server=192.0.2.53,198.51.100.53
                                  search=example.com,corp.example.com}
                timezone=Europe/Berlin
                system_locale=en_US.UTF-8
                keyboard=US-English
                root_password=%s
                timeserver=ntp.example.com
                security_policy=kerberos {default_realm=EXAMPLE.COM admin_server=kdc.example.com kdc=kdc1.example.com,kdc2.example.com}
                terminal=vt100
                nfs4_domain=dynamic
                service_profile=limited_net
                """.formatted(SHA512));
        assertThat(c.hostname()).contains("web02");
        assertThat(c.networkInterfaces()).containsExactly(
                new NetworkInterface("PRIMARY", false, new NetworkInterface.Static(Ipv4.parse("192.0.2.10"),
                        Ipv4.parse("255.255.255.0"), Optional.of(Ipv4.parse("192.0.2.1"))), Optional.of("web02"), true),
                new NetworkInterface("eth1", false, new NetworkInterface.Dhcp(), Optional.empty(), false));
        assertThat(c.nameService()).contains(new NameService(NameService.Kind.DNS, Optional.of("example.com"),
                List.of("192.0.2.53", "198.51.100.53"), List.of("example.com", "corp.example.com"), Optional.empty()));
        assertThat(c.timezone()).contains("Europe/Berlin");
        assertThat(c.systemLocale()).contains("en_US.UTF-8");
        assertThat(c.keyboard()).contains("US-English");
        assertThat(c.rootPassword()).contains(SHA512);
        assertThat(c.timeserver()).contains("ntp.example.com");
        assertThat(c.securityPolicy()).contains(new SecurityPolicy(true, Optional.of("EXAMPLE.COM"),
                Optional.of("kdc.example.com"), List.of("kdc1.example.com", "kdc2.example.com")));
        assertThat(c.terminal()).contains("vt100");
        assertThat(c.nfs4Domain()).contains("dynamic");
        assertThat(c.serviceProfile()).contains("limited_net");
        assertThat(c.networkNone()).isFalse();
        assertThat(c.origin().of("timezone")).isEqualTo(new Position(8, 10));
        assertThat(Sysidcfg.parse(c.format(), "again")).isEqualTo(c);
    }

    @Test
    void emptyFileAndCommentsOnly() throws Exception {
        assertThat(parse("").networkInterfaces()).isEmpty();
        assertThat(parse("# nothing\n\n  # at all\n").hostname()).isEmpty();
    }

    @Test
    void quotedValuesMaySpanLines() throws Exception {
        Sysidcfg c = parse("""
                name_service=LDAP {domain_name=west.example.com profile='default' profile_server=172.31.2.1
                                   proxy_dn="cn=proxyagent,ou=profile,
                                   dc=west,dc=example,dc=com" proxy_password=secret}
                timezone="US/Central"
                """);
        NameService.Ldap ldap = c.nameService().orElseThrow().ldap().orElseThrow();
        assertThat(ldap.proxyDn()).contains("cn=proxyagent,ou=profile,\n                   dc=west,dc=example,dc=com");
        assertThat(ldap.profile()).contains("default");
        assertThat(ldap.profileServer()).contains("172.31.2.1");
        assertThat(c.timezone()).contains("US/Central");
        assertThat(c.origin().of("timezone")).isEqualTo(new Position(4, 10));
    }

    @Test
    void nisNoneAndNetworkNone() throws Exception {
        Sysidcfg nis = parse("name_service=NIS {domain_name=nis.example.com name_server=connor(192.168.112.3)}\n"
                + "network_interface=none\nsecurity_policy=NONE");
        assertThat(nis.nameService().orElseThrow().kind()).isEqualTo(NameService.Kind.NIS);
        assertThat(nis.nameService().orElseThrow().nameServers()).containsExactly("connor(192.168.112.3)");
        assertThat(nis.networkNone()).isTrue();
        assertThat(nis.securityPolicy().orElseThrow().kerberos()).isFalse();
        assertThat(parse("name_service=NIS+ {domain_name=example.com}").nameService().orElseThrow().kind())
                .isEqualTo(NameService.Kind.NISPLUS);
        assertThat(parse("name_service=none").nameService().orElseThrow().kind()).isEqualTo(NameService.Kind.NONE);
    }

    @Test
    void primaryFlagAndHostnameFromTheInterface() throws Exception {
        Sysidcfg c = parse("network_interface=e1000g0 {primary hostname=db1 ip_address=10.0.0.5 netmask=255.0.0.0 "
                + "default_route=NONE}\nnetwork_interface=e1000g1 {hostname=db1-backup dhcp}");
        assertThat(c.networkInterfaces().get(0).primary()).isTrue();
        assertThat(c.networkInterfaces().get(0).addressing()).isEqualTo(new NetworkInterface.Static(
                Ipv4.parse("10.0.0.5"), Ipv4.parse("255.0.0.0"), Optional.empty()));
        assertThat(c.effectiveHostname()).contains("db1");
    }

    @Test
    void everyHashFormatGlibcReads() throws Exception {
        for (String hash : List.of(SHA512, MD5, SHA256, BCRYPT, YESCRYPT, DES,
                "$6$rounds=5000$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.")) {
            assertThat(parse("root_password=" + hash).rootPassword()).contains(hash);
        }
    }

    @Test
    void readsFilesAndNamesThemInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sysidcfg");
        Files.writeString(file, "timezone=UTC\nbogus=1\n");
        assertThatThrownBy(() -> Sysidcfg.parse(file)).isInstanceOf(SysidcfgException.class)
                .hasMessage(file + ":2:1: unknown keyword 'bogus'");
        assertThatThrownBy(() -> Sysidcfg.parse(dir.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
        Files.write(file, new byte[] {'t', 'e', 'r', 'm', 'i', 'n', 'a', 'l', '=', 'v', '\n', 'a', (byte) 0xff});
        SysidcfgException e = org.junit.jupiter.api.Assertions.assertThrows(SysidcfgException.class,
                () -> Sysidcfg.parse(file));
        assertThat(e.getMessage()).endsWith(":2:2: not UTF-8 text");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(2);
        assertThat(e.file()).isEqualTo(file.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            bogus=1                                                      | 1:1  | unknown keyword 'bogus'
            pointer=MS-S                                                 | 1:1  | flar does not support it
            timezone                                                     | 1:9  | expected '=' after 'timezone', found the end of the file
            timezone=                                                    | 1:10 | expected a value for 'timezone'
            =UTC                                                         | 1:1  | expected a keyword, found '='
            timezone={UTC}                                               | 1:10 | expected a value for 'timezone', found '{'
            timezone="UTC                                                | 1:10 | unterminated quoted value
            timezone=UTC {x=1}                                           | 1:14 | 'timezone' takes no {...}
            timezone=UTC\\ntimezone=UTC                                  | 2:1  | 'timezone' is given twice (first at line 1)
            timezone=../etc/passwd                                       | 1:10 | bad timezone
            timezone=/etc/passwd                                         | 1:10 | bad timezone
            hostname=-bad                                                | 1:10 | bad hostname
            hostname=a_b                                                 | 1:10 | bad hostname
            root_password=secret                                         | 1:15 | never a clear-text password
            root_password=$6$abc$short                                   | 1:15 | bad root_password
            network_interface=eth0                                       | 1:19 | needs {dhcp} or {ip_address=... netmask=...}
            network_interface=eth0 {dhcp                                 | 1:24 | '{' is never closed
            network_interface=eth0 {ip_address=192.0.2.1}                | 1:24 | needs netmask=...
            network_interface=eth0 {netmask=255.0.0.0}                   | 1:24 | needs ip_address=...
            network_interface=eth0 {ip_address=192.0.2.256 netmask=255.0.0.0} | 1:36 | bad ip_address '192.0.2.256'
            network_interface=eth0 {ip_address=192.0.2.01 netmask=255.0.0.0}  | 1:36 | bad ip_address
            network_interface=eth0 {ip_address=192.0.2.1 netmask=255.0.255.0} | 1:54 | not contiguous
            network_interface=eth0 {ip_address=192.0.2.1 netmask=24}     | 1:54 | bad netmask '24'
            network_interface=eth0 {ip_address=192.0.2.1 netmask=255.255.255.0 default_route=10.0.0.1} | 1:82 | is not on 192.0.2.1/24's network
            network_interface=eth0 {dhcp ip_address=192.0.2.1}           | 1:30 | 'ip_address' cannot be combined with dhcp
            network_interface=eth0 {dhcp protocol_ipv6=maybe}            | 1:44 | expected yes or no
            network_interface=eth0 {dhcp mtu=1500}                       | 1:30 | 'mtu' is not allowed in network_interface=eth0
            network_interface=eth0 {dhcp dhcp}                           | 1:30 | 'dhcp' is given twice
            network_interface=eth0 {dhcp=yes}                            | 1:25 | 'dhcp' takes no value
            network_interface=eth0 {dhcp hostname}                       | 1:30 | 'hostname' needs '=' and a value
            network_interface=eth0 {dhcp}\\nnetwork_interface=eth0 {dhcp} | 2:19 | network_interface eth0 is given twice
            network_interface=NONE\\nnetwork_interface=eth0 {dhcp}       | 1:19 | cannot be combined
            network_interface=PRIMARY {dhcp}\\nnetwork_interface=eth1 {primary dhcp} | 2:19 | more than one primary
            network_interface=a/b {dhcp}                                 | 1:19 | bad interface name
            network_interface=averyveryverylongname {dhcp}               | 1:19 | bad interface name
            name_service=WINS                                            | 1:14 | expected DNS, NIS, NIS+, LDAP or NONE
            name_service=DNS {domain_name=example.com}                   | 1:18 | needs name_server=...
            name_service=DNS {name_server=1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4} | 1:31 | at most 3 entries
            name_service=DNS {name_server=ns1.example.com}               | 1:31 | expected an IPv4 address
            name_service=DNS {name_server=1.1.1.1 search=a..b}           | 1:46 | bad search entry 'a..b'
            name_service=DNS {name_server=1.1.1.1 search=a,b,c,d,e,f,g}  | 1:46 | at most 6 entries
            name_service=DNS {name_server=1.1.1.1 domain_name=-x}        | 1:51 | bad domain_name
            name_service=NIS {name_server=x}                             | 1:18 | needs domain_name=...
            name_service=NONE {domain_name=x}                            | 1:19 | takes no {...}
            security_policy=kerberos {default_realm=EXAMPLE.COM admin_server=kdc.example.com} | 1:26 | needs kdc=...
            security_policy=selinux                                      | 1:17 | expected kerberos or NONE
            timeserver=not_a_host                                        | 1:12 | bad timeserver
            nfs4_domain=-x                                               | 1:13 | bad nfs4_domain
            service_profile=closed                                       | 1:17 | bad service_profile
            terminal=vt 100                                              | 1:13 | unknown keyword '100'
            system_locale=en/US                                          | 1:15 | bad system_locale
            keyboard=us;rm                                               | 1:10 | bad keyboard
            }                                                            | 1:1  | expected a keyword, found '}'
            timezone=UTC }                                               | 1:14 | expected a keyword, found '}'
            """)
    void errorsCarryLineAndColumn(String text, String at, String problem) {
        String input = text.replace("\\n", "\n");
        assertThatThrownBy(() -> parse(input)).isInstanceOf(SysidcfgException.class)
                .hasMessageStartingWith("test.cfg:" + at + ": ").hasMessageContaining(problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstKeyword() throws Exception {
        byte[] text = "\uFEFFtimezone=UTC\n".getBytes(StandardCharsets.UTF_8);
        assertThat(Sysidcfg.parse(text, "bom").timezone()).contains("UTC");
    }

    @Test
    void controlCharactersAreRefusedWhereTheyAre() {
        assertThatThrownBy(() -> parse("terminal=vt\u0001100")).isInstanceOf(SysidcfgException.class)
                .hasMessage("test.cfg:1:12: control character U+0001");
        assertThatThrownBy(() -> Sysidcfg.parse("timezone=\"a\u0000b\"".getBytes(StandardCharsets.UTF_8), "f"))
                .hasMessage("f:1:12: control character U+0000");
    }
}
