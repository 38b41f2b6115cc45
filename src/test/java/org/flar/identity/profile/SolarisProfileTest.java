package org.flar.identity.profile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flar.testing.Cli;
import org.flar.testing.IndependentComparison;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The solaris profile, the seed's sys-unconfig list, on a synthetic tree with files at Solaris paths. */
class SolarisProfileTest {
    private Path dir;
    private Path root;

    @BeforeEach
    void solarisTree() {
        Tools.requireTool("ssh-keygen");
        dir = Tools.scratchDir("solaris");
        root = dir.resolve("root");
        Tools.run(List.of("bash", "-euc", """
                mkdir -p "$1" && cd "$1"
                mkdir -p etc/inet etc/ssh etc/default var/yp/binding/example.com var/ldap
                echo 'Oracle Solaris 10 8/11 s10x_u10wos_17b X86' > etc/release
                printf '#device\\tdevice\\tmount\\tFS\\tfsck\\tmount\\tmount\\n/dev/dsk/c0t0d0s0\\t/dev/rdsk/c0t0d0s0\\t/\\tufs\\t1\\tno\\t-\\nnfssrv:/export/home\\t-\\t/home\\tnfs\\t-\\tyes\\thard\\n' > etc/vfstab
                printf '::1 localhost\\n127.0.0.1 localhost\\n192.168.5.10 sol01 loghost\\n' > etc/inet/hosts
                ln -s ./inet/hosts etc/hosts
                echo sol01 > etc/hostname.e1000g0
                echo sol01 > etc/nodename
                printf 'root:XyZplantedHash:15000::::::\\ndaemon:NP:6445::::::\\n' > etc/shadow
                chmod 400 etc/shadow
                printf 'system_locale=C\\ntimezone=Europe/Berlin\\nnetwork_interface=e1000g0 {hostname=sol01 ip_address=192.168.5.10}\\n' > etc/sysidcfg
                echo 192.168.5.1 > etc/defaultrouter
                printf '#\\n192.168.5.0\\t255.255.255.0\\n' > etc/inet/netmasks
                ssh-keygen -q -t ed25519 -N '' -f etc/ssh/ssh_host_ed25519_key
                printf 'TZ=Europe/Berlin\\nCMASK=022\\n' > etc/default/init
                ln -s ./default/init etc/TIMEZONE
                printf 'passwd: files nis\\nhosts: files dns\\n' > etc/nsswitch.conf
                printf 'nameserver 192.168.5.1\\ndomain example.com\\n' > etc/resolv.conf
                echo example.com > etc/defaultdomain
                echo nis1 > var/yp/binding/example.com/ypservers
                echo 'NS_LDAP_BINDPASSWD= {NS1}planted' > var/ldap/ldap_client_cred
                """, "solaris", root.toString()), null);
    }

    @AfterEach
    void cleanUp() {
        Tools.deleteTree(dir);
    }

    @Test
    void isDetectedAndUnconfiguredAsSysUnconfigDoes() throws Exception {
        assertThat(OsFamily.detect(root)).isEqualTo("solaris");
        Path original = dir.resolve("original");
        Tools.run(List.of("cp", "-a", root.toString(), original.toString()), null);
        Path bundle = dir.resolve("sol01.identity");

        Cli.ok("unconfig", "-q", "-R", root.toString(), "--save", bundle.toString());

        assertThat(read("etc/inet/hosts")).doesNotContain("sol01").contains("127.0.0.1\tlocalhost");
        assertThat(Files.isSymbolicLink(root.resolve("etc/hosts"))).as("the link stays a link").isTrue();
        assertThat(read("etc/vfstab")).doesNotContain("nfs").contains("/dev/dsk/c0t0d0s0");
        assertThat(read("etc/shadow")).startsWith("root::15000:").contains("daemon:NP:");
        assertThat(read("etc/nodename")).isEqualTo("unknown\n");
        assertThat(read("etc/default/init")).isEqualTo("TZ=PST8PDT\nCMASK=022\n");
        assertThat(read("etc/nsswitch.conf")).contains("hosts:      files\n").doesNotContain("nis");
        assertThat(read("etc/inet/netmasks")).doesNotContain("192.168");
        for (String gone : List.of("etc/hostname.e1000g0", "etc/sysidcfg", "etc/defaultrouter", "etc/resolv.conf",
                "etc/defaultdomain", "var/yp/binding", "var/ldap/ldap_client_cred")) {
            assertThat(root.resolve(gone)).as(gone).doesNotExist();
        }
        assertThat(read("etc/ssh/ssh_host_ed25519_key.pub")).isNotEqualTo(Files.readString(original.resolve(
                "etc/ssh/ssh_host_ed25519_key.pub"), UTF_8));

        Cli.ok("reconfig", "-q", "-R", root.toString(), bundle.toString());
        if (Tools.isRoot()) {
            assertThat(IndependentComparison.differences(original, root)).isEmpty();
        }
        assertThat(read("etc/shadow")).isEqualTo(Files.readString(original.resolve("etc/shadow"), UTF_8));
    }

    private String read(String rel) throws Exception {
        return Files.readString(root.resolve(rel), UTF_8);
    }
}
