package org.flar.identity;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.flar.cli.Main;
import org.flar.format.FlashArchiveReader;
import org.flar.fs.Posix;
import org.flar.identity.profile.ProfileChoice;
import org.flar.testing.DebianRoot;
import org.flar.testing.IndependentComparison;
import org.flar.testing.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity on a real Debian root with a planted identity ({@link PlantedIdentity}): a clone has
 * every item removed or reset and nothing else differs from the archive; its ssh host keys are
 * new; --keep-identity brings the master back exactly; a scrubbed archive holds none of the
 * master's secrets and its saved bundle brings the master back; unconfig --save then reconfig
 * is the identity function. Every comparison is by mtree, getfattr, getfacl and find.
 */
class IdentityDebianIT {
    @TempDir
    static Path work;
    static Path master;
    static Path archive;

    @BeforeAll
    static void masterWithAnIdentity() throws Exception {
        Tools.requireRoot();
        for (String tool : List.of("mtree", "getfattr", "getfacl", "ssh-keygen")) {
            Tools.requireTool(tool);
        }
        master = DebianRoot.copyWithEmptyRun(work.resolve("master"));
        PlantedIdentity.plant(master);
        archive = work.resolve("master.flar");
        assertThat(Main.run("create", "-q", "-n", "master", "-R", master.toString(), archive.toString())).isZero();
    }

    @Test
    void aCloneHasNoIdentityAndNothingElseDiffers() throws Exception {
        Path keep = work.resolve("keep");
        Path clone = work.resolve("clone");
        assertThat(Main.run("deploy", "-q", "--no-state", "--keep-identity", "-R", keep.toString(), archive.toString())).isZero();
        assertThat(IndependentComparison.differences(master, keep)).as("--keep-identity is the master").isEmpty();
        assertThat(Main.run("deploy", "-q", "--no-state", "-R", clone.toString(), archive.toString())).isZero();

        assertThat(read(clone, "etc/hostname")).isEqualTo("localhost\n");
        assertThat(read(clone, "etc/hosts")).doesNotContain(PlantedIdentity.HOSTNAME).contains("127.0.0.1\tlocalhost");
        assertThat(read(clone, "etc/machine-id")).isEqualTo("uninitialized\n");
        assertThat(read(clone, "etc/network/interfaces")).contains("iface lo inet loopback").doesNotContain("eth0");
        assertThat(read(clone, "etc/resolv.conf")).isEmpty();
        assertThat(read(clone, "etc/shadow")).startsWith("root:*:").doesNotContain(PlantedIdentity.ROOT_HASH);
        assertThat(read(clone, "etc/fstab")).doesNotContain("nfs").isEqualTo(read(master, "etc/fstab")
                .replace("fileserver:/export/home /home nfs rw,hard 0 0\n", ""));
        assertThat(read(clone, "etc/timezone")).isEqualTo("Etc/UTC\n");
        for (String gone : List.of("var/lib/dbus/machine-id", "etc/network/interfaces.d/eth1",
                "etc/systemd/network/10-eth0.network", "var/lib/dhcp/dhclient.eth0.leases",
                "etc/udev/rules.d/70-persistent-net.rules", "var/lib/systemd/random-seed", "etc/localtime",
                "root/.bash_history", "etc/passwd-", "etc/group-")) {
            assertThat(clone.resolve(gone)).as(gone).doesNotExist();
        }
        assertThat(read(clone, "etc/resolv.conf")).isEmpty();
        assertThat(Files.size(clone.resolve("var/log/dpkg.log"))).isZero();
        assertThat(Files.size(master.resolve("var/log/dpkg.log"))).isPositive();

        // New host keys, in OpenSSH's formats, none the master's.
        Set<String> masterKeys = fingerprints(master);
        Set<String> cloneKeys = fingerprints(clone);
        assertThat(cloneKeys).hasSizeGreaterThanOrEqualTo(2).doesNotContainAnyElementsOf(masterKeys);

        // Nothing but the profile's items differs: take exactly those paths out of both trees
        // (their directories' times must be equal first, and stay) and compare the rest.
        UnconfigPlan plan = UnconfigPlan.of(keep, ProfileChoice.forRoot(keep, null));
        Set<String> items = new LinkedHashSet<>();
        plan.changes().forEach(c -> items.add(c.path()));
        assertThat(items).containsAll(PlantedIdentity.PATHS.stream()
                .filter(p -> !p.startsWith("etc/ssh/") || p.endsWith("_key") || p.endsWith(".pub")).toList());
        try (Stream<Path> keys = Files.list(clone.resolve("etc/ssh"))) {
            keys.map(p -> "etc/ssh/" + p.getFileName()).filter(n -> n.contains("ssh_host_")).forEach(items::add);
        }
        removeFromBoth(items, keep, clone);
        assertThat(IndependentComparison.differences(keep, clone)).isEmpty();
    }

    @Test
    void aScrubbedArchiveHoldsNoSecretAndItsBundleBringsTheMasterBack() throws Exception {
        Path golden = work.resolve("golden.flar");
        Path bundle = work.resolve("golden.identity");
        assertThat(Main.run("create", "-q", "-n", "golden", "--scrub-identity", "--save-identity", bundle.toString(),
                "-R", master.toString(), golden.toString())).isZero();
        byte[] payload;
        try (InputStream in = Files.newInputStream(golden); FlashArchiveReader r = FlashArchiveReader.open(in, "golden")) {
            assertThat(r.hasSection("identity")).isFalse();
            payload = r.payloadDecompressed().readAllBytes();
        }
        String text = new String(payload, ISO_8859_1);
        List<String> secrets = new ArrayList<>(List.of(PlantedIdentity.MACHINE_ID, PlantedIdentity.ROOT_HASH,
                PlantedIdentity.LEASE_ADDRESS, PlantedIdentity.HISTORY_SECRET, PlantedIdentity.MAC, "10.77.1.5",
                PlantedIdentity.HOSTNAME));
        for (String key : List.of("etc/ssh/ssh_host_ed25519_key", "etc/ssh/ssh_host_ecdsa_key")) {
            // A line from the middle of each private key.
            secrets.add(Files.readAllLines(master.resolve(key)).get(2));
        }
        assertThat(secrets).allSatisfy(s -> assertThat(text).as("payload").doesNotContain(s));
        assertThat(new String(Files.readAllBytes(archive), ISO_8859_1)).as("not vacuous: the identity section has them")
                .contains("section_begin=identity");

        // The golden image deploys as an unconfigured clone...
        Path clone = work.resolve("golden-clone");
        assertThat(Main.run("deploy", "-q", "--no-state", "-R", clone.toString(), golden.toString())).isZero();
        assertThat(read(clone, "etc/machine-id")).isEqualTo("uninitialized\n");
        // ...and with its bundle as the master itself.
        Path recovered = work.resolve("golden-recovered");
        assertThat(Main.run("deploy", "-q", "--no-state", "--keep-identity", "--identity", bundle.toString(),
                "-R", recovered.toString(), golden.toString())).isZero();
        assertThat(IndependentComparison.differences(master, recovered)).isEmpty();
        // A bundle of another archive is refused before anything is deployed.
        Path refused = work.resolve("refused");
        assertThat(Main.run("deploy", "-q", "--keep-identity", "--identity", bundle.toString(), "-R", refused.toString(),
                archive.toString())).isEqualTo(6);
        assertThat(refused.resolve("etc")).doesNotExist();
    }

    @Test
    void unconfigSaveThenReconfigIsIdentical() throws Exception {
        Path root = work.resolve("unconfigured");
        Tools.run(List.of("cp", "-a", "--sparse=always", master.toString(), root.toString()), work);
        Path bundle = work.resolve("m.identity");
        assertThat(Main.run("unconfig", "-q", "-R", root.toString(), "--save", bundle.toString())).isZero();
        assertThat(read(root, "etc/machine-id")).isEqualTo("uninitialized\n");
        assertThat(IndependentComparison.differences(master, root)).isNotEmpty();
        assertThat(Main.run("reconfig", "-q", "-R", root.toString(), bundle.toString())).isZero();
        assertThat(IndependentComparison.differences(master, root)).isEmpty();
    }

    @Test
    void aDifferentialOfTheMasterLeavesTheClonesIdentityAlone() throws Exception {
        Path clone = work.resolve("clone-for-diff");
        assertThat(Main.run("deploy", "-q", "-R", clone.toString(), archive.toString())).isZero();
        byte[] cloneKey = Files.readAllBytes(clone.resolve("etc/ssh/ssh_host_ed25519_key"));
        Path changed = work.resolve("master-changed");
        Tools.run(List.of("cp", "-a", "--sparse=always", master.toString(), changed.toString()), work);
        Tools.run(List.of("bash", "-euc", """
                cd "$1"
                echo master02 > etc/hostname
                echo 'status installed newpkg 1.0' >> var/log/dpkg.log
                echo 'new log' > var/log/new.log
                echo 'maintenance tonight' >> etc/motd
                """, "change", changed.toString()), work);
        Path diff = work.resolve("update.flar");
        assertThat(Main.run("create", "-q", "-n", "update", "-A", archive.toString(), "-R", changed.toString(),
                diff.toString())).isZero();

        assertThat(Main.run("deploy", "-q", "-R", clone.toString(), diff.toString())).as("no drift on identity paths").isZero();
        assertThat(read(clone, "etc/motd")).endsWith("maintenance tonight\n");
        assertThat(read(clone, "etc/hostname")).isEqualTo("localhost\n");
        assertThat(Files.size(clone.resolve("var/log/dpkg.log"))).isZero();
        assertThat(clone.resolve("var/log/new.log")).doesNotExist();
        assertThat(Files.readAllBytes(clone.resolve("etc/ssh/ssh_host_ed25519_key"))).isEqualTo(cloneKey);
        assertThat(read(clone, "var/lib/flar/state")).contains("content_name=update");
    }

    static final String ROOT_HASH = "$6$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.";

    @Test
    void aCloneConfiguredFromASysidcfgSaysWhatTheSysidcfgSaid() throws Exception {
        Tools.requireTool("chroot");
        Path sysidcfg = work.resolve("web02.sysidcfg");
        Files.writeString(sysidcfg, """
                hostname=web02
                network_interface=eth0 {ip_address=192.0.2.10 netmask=255.255.255.0 default_route=192.0.2.1}
                name_service=DNS {domain_name=example.com name_server=192.0.2.53 search=example.com}
                timezone=America/New_York
                system_locale=C.UTF-8
                root_password=%s
                """.formatted(ROOT_HASH));
        Path clone = work.resolve("web02");
        assertThat(Main.run("deploy", "-q", "--no-state", "--sysidcfg", sysidcfg.toString(), "-R", clone.toString(),
                archive.toString())).isZero();

        assertThat(chroot(clone, "cat", "/etc/hostname")).isEqualTo("web02");
        assertThat(chroot(clone, "getent", "hosts", "web02")).startsWith("192.0.2.10").contains("web02");
        assertThat(chroot(clone, "getent", "hosts", PlantedIdentity.HOSTNAME)).as("the master's name is gone").isEmpty();
        assertThat(chroot(clone, "getent", "shadow", "root")).startsWith("root:" + ROOT_HASH + ":");
        assertThat(chroot(clone, "date", "-d", "@0", "+%Z")).isEqualTo("EST");
        assertThat(chroot(clone, "sh", "-c", ". /etc/default/locale; echo $LANG")).isEqualTo("C.UTF-8");
        assertThat(read(clone, "etc/resolv.conf").lines()).contains("nameserver 192.0.2.53").doesNotContain("nameserver 10.77.1.1");
        // its own ID now, not the master's, and not "uninitialized" (a first-boot wizard on the console)
        assertThat(read(clone, "etc/machine-id")).matches("[0-9a-f]{32}\n").isNotEqualTo(PlantedIdentity.MACHINE_ID + "\n");
        String network = Tools.exec(List.of("grep", "-rh", "192.0.2.10", clone.resolve("etc/network").toString(),
                clone.resolve("etc/systemd/network").toString()), null).stdout();
        assertThat(network).as("the interface configuration the target uses").contains("192.0.2.10");
        assertThat(Tools.exec(List.of("grep", "-rl", "10.77.1.5", clone.resolve("etc").toString()), null).stdout())
                .as("nothing of the master's address").isEmpty();

        // A bad sysidcfg is refused before anything is deployed.
        Path bad = work.resolve("bad.sysidcfg");
        Files.writeString(bad, "hostname=web03\ntimezone=Europe/Berlin\nfrobnicate=yes\n");
        Path refused = work.resolve("web03");
        org.flar.testing.Cli r = org.flar.testing.Cli.run("deploy", "-q", "--sysidcfg", bad.toString(), "-R",
                refused.toString(), archive.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines().getFirst()).startsWith("flar: " + bad + ":3:");
        assertThat(refused).doesNotExist();
    }

    private static String chroot(Path root, String... cmd) {
        List<String> full = new ArrayList<>(List.of("chroot", root.toString(), "env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"));
        full.addAll(List.of(cmd));
        Tools.Result r = Tools.exec(full, null);
        return r.stdout().strip();
    }

    private static String read(Path root, String rel) throws IOException {
        return Files.readString(root.resolve(rel), ISO_8859_1);
    }

    private static Set<String> fingerprints(Path root) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(root.resolve("etc/ssh"))) {
            for (Path p : files.filter(f -> f.getFileName().toString().matches("ssh_host_.*_key\\.pub")).toList()) {
                String line = Tools.run(List.of("ssh-keygen", "-lf", p.toString()), null).strip();
                out.add(line.split(" ")[1]);
            }
        }
        return out;
    }

    /** Deletes {@code paths} from both trees, checking first that their directories' mtimes agree and keeping them. */
    private static void removeFromBoth(Set<String> paths, Path a, Path b) throws IOException {
        Map<String, Long> dirTimes = new HashMap<>();
        for (String p : paths) {
            String dir = p.substring(0, p.lastIndexOf('/'));
            long ta = Posix.lstat(a.resolve(dir)).mtimeNanos();
            long tb = Posix.lstat(b.resolve(dir)).mtimeNanos();
            assertThat(tb).as("mtime of " + dir).isEqualTo(ta);
            dirTimes.put(dir, ta);
        }
        for (Path root : List.of(a, b)) {
            for (String p : paths) {
                if (Files.exists(root.resolve(p), LinkOption.NOFOLLOW_LINKS)) {
                    Tools.run(List.of("rm", "-rf", root.resolve(p).toString()), null);
                }
            }
            for (Map.Entry<String, Long> d : dirTimes.entrySet()) {
                Posix.setTimes(root.resolve(d.getKey()), d.getValue(), d.getValue());
            }
        }
    }
}
