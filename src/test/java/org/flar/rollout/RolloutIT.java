package org.flar.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.flar.testing.Cli;
import org.flar.testing.FlarProcess;
import org.flar.testing.Tools;
import org.flar.testing.TreeSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four hosts, each a network namespace of its own with a real sshd on a veth pair (nothing
 * leaves the machine) and a root of its own deployed from a full archive: a differential rolled
 * out with a canary and two at a time. One host drifted (skipped, its file named), one killed
 * mid-deploy (reported, its files intact); a re-run finishes it and skips the rest as done;
 * --check before and after says what a rollout would do.
 */
class RolloutIT {
    @TempDir
    static Path work;
    static final int HOSTS = 4;
    static final String TAG = Long.toString(ProcessHandle.current().pid() % 10000);
    static final List<String> namespaces = new ArrayList<>();
    static Path diff;
    static Path hostsFile;
    static Path master;

    @BeforeAll
    static void fourHostsInTheirOwnNamespaces() throws Exception {
        Tools.requireRoot();
        for (String tool : List.of("ip", "sshd", "ssh", "ssh-keygen")) {
            Tools.requireTool(tool);
        }
        master = work.resolve("master");
        Files.createDirectories(master.resolve("srv"));
        Files.writeString(master.resolve("srv/app.conf"), "workers=2\n");
        Files.writeString(master.resolve("srv/static.txt"), "unchanged\n");
        Path full = work.resolve("full.flar");
        Cli.ok("create", "-q", "-n", "app", "-R", master.toString(), full.toString());
        Files.writeString(master.resolve("srv/app.conf"), "workers=8\n");
        Files.writeString(master.resolve("srv/new.txt"), "added in u1\n");
        // The killed host's deploy waits here while the marker exists: the moment to cut it off.
        Path hold = master.resolve("etc/flash/predeployment/10-hold");
        Files.createDirectories(hold.getParent());
        Files.writeString(hold, "#!/bin/sh\ncase \"$FLAR_TARGET\" in */h3) touch " + work.resolve("h3-holding") + "; while [ -e "
                + work.resolve("hold-h3") + " ]; do sleep 0.2; done;; esac\n");
        Tools.run(work, "chmod", "755", hold.toString());
        diff = work.resolve("u1.flar");
        Cli.ok("create", "-q", "-n", "app-u1", "-R", master.toString(), "-A", full.toString(), diff.toString());

        Tools.run(work, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", work.resolve("id").toString());
        Tools.run(work, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", work.resolve("hostkey").toString());
        Files.copy(work.resolve("id.pub"), work.resolve("authorized_keys"));
        Files.createDirectories(Path.of("/run/sshd"));
        StringBuilder hosts = new StringBuilder("# four test hosts\n");
        for (int n = 1; n <= HOSTS; n++) {
            Path root = work.resolve("h" + n);
            Cli.ok("deploy", "-q", "-R", root.toString(), full.toString());
            String ns = "flar13-" + TAG + "-h" + n;
            String veth = "f" + TAG + "h" + n;
            namespaces.add(ns);
            Tools.run(work, "ip", "netns", "add", ns);
            Tools.run(work, "ip", "link", "add", veth, "type", "veth", "peer", "name", veth + "n");
            Tools.run(work, "ip", "link", "set", veth + "n", "netns", ns);
            Tools.run(work, "ip", "addr", "add", "10.213." + n + ".1/24", "dev", veth);
            Tools.run(work, "ip", "link", "set", veth, "up");
            Tools.run(work, "ip", "-n", ns, "addr", "add", "10.213." + n + ".2/24", "dev", veth + "n");
            Tools.run(work, "ip", "-n", ns, "link", "set", veth + "n", "up");
            Tools.run(work, "ip", "-n", ns, "link", "set", "lo", "up");
            startSshd(n);
            hosts.append("root@10.213.").append(n).append(".2 root=").append(root).append('\n');
        }
        hostsFile = work.resolve("hosts");
        Files.writeString(hostsFile, hosts);
        Files.writeString(work.resolve("h2/srv/app.conf"), "workers=3  # tuned by hand\n");
    }

    static void startSshd(int n) throws Exception {
        Path conf = work.resolve("sshd" + n + ".conf");
        Files.writeString(conf, String.join("\n", "ListenAddress 10.213." + n + ".2", "HostKey " + work.resolve("hostkey"),
                "AuthorizedKeysFile " + work.resolve("authorized_keys"), "PermitRootLogin yes", "StrictModes no",
                "UsePAM no", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "PidFile " + work.resolve("sshd" + n + ".pid"), "") + "\n");
        Tools.run(work, "ip", "netns", "exec", namespaces.get(n - 1), "/usr/sbin/sshd", "-f", conf.toString(),
                "-E", work.resolve("sshd" + n + ".log").toString());
        for (int i = 0; i < 50; i++) {
            if (Tools.exec(ssh(n, "true"), work).exitCode() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("sshd " + n + " did not come up: " + Files.readString(work.resolve("sshd" + n + ".log")));
    }

    static List<String> ssh(int n, String command) {
        List<String> cmd = new ArrayList<>(List.of(sshCommand().split(" ")));
        cmd.add("root@10.213." + n + ".2");
        cmd.add(command);
        return cmd;
    }

    static String sshCommand() {
        return "ssh -F /dev/null -i " + work.resolve("id") + " -o BatchMode=yes -o StrictHostKeyChecking=no"
                + " -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=5";
    }

    static Cli rollout(String... more) {
        List<String> args = new ArrayList<>(List.of("rollout", "--hosts", hostsFile.toString(), "--ssh", sshCommand(),
                "--remote-flar", String.join(" ", FlarProcess.command()), "--log-dir", work.resolve("logs").toString()));
        args.addAll(List.of(more));
        args.add(diff.toString());
        return Cli.run(args.toArray(String[]::new));
    }

    static String row(Cli r, int n) {
        return r.out().lines().filter(l -> l.startsWith("root@10.213." + n + ".2:")).findFirst().orElseThrow();
    }

    @AfterAll
    static void removeNamespaces() {
        for (String ns : namespaces) {
            killAll(ns);
            Tools.exec(List.of("ip", "netns", "del", ns), work);
        }
    }

    static void killAll(String ns) {
        for (String pid : Tools.exec(List.of("ip", "netns", "pids", ns), work).stdout().split("\\s+")) {
            if (!pid.isBlank()) {
                Tools.exec(List.of("kill", "-9", pid), work);
            }
        }
    }

    @Test
    void aDifferentialReachesEveryHostButTheDriftedOneAcrossAKilledConnectionAndARerun() throws Exception {
        Cli checkTable = rollout("--check");
        assertThat(checkTable.code()).as(checkTable.describe()).isEqualTo(6);
        assertThat(row(checkTable, 1)).contains("ready").contains("would apply u1.flar");
        assertThat(row(checkTable, 2)).contains("drifted").contains("srv/app.conf");
        assertThat(TreeSnapshot.of(work.resolve("h1"))).isEqualTo(TreeSnapshot.of(work.resolve("h4")));

        Map<String, String> h3Before = TreeSnapshot.of(work.resolve("h3"));
        Files.writeString(work.resolve("hold-h3"), "");
        CompletableFuture<Cli> first = CompletableFuture.supplyAsync(() -> rollout("--canary", "1", "--parallel", "2"));
        Path h3Log = work.resolve("logs").resolve("root@10.213.3.2_" + work.resolve("h3").toString().replace('/', '_') + ".log");
        // h3's predeployment script says when its deploy is under way (checks passed, nothing written yet).
        for (int i = 0; i < 3000 && !Files.exists(work.resolve("h3-holding")); i++) {
            Thread.sleep(100);
        }
        assertThat(work.resolve("h3-holding")).exists();
        killAll(namespaces.get(2));
        Cli r = first.get();
        Files.delete(work.resolve("hold-h3"));
        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(row(r, 1)).contains("updated").contains("applied u1.flar");
        assertThat(row(r, 2)).contains("drifted").contains("srv/app.conf");
        assertThat(row(r, 3)).as(Files.exists(h3Log) ? Files.readString(h3Log) : "no " + h3Log)
                .contains("failed").contains("connection lost during the deploy of u1.flar");
        assertThat(row(r, 4)).contains("updated");
        assertThat(TreeSnapshot.of(work.resolve("h3"))).isEqualTo(h3Before);
        assertThat(work.resolve("h2/srv/app.conf")).hasContent("workers=3  # tuned by hand");
        for (int n : new int[] {1, 4}) {
            assertThat(work.resolve("h" + n + "/srv/app.conf")).hasContent("workers=8");
            assertThat(work.resolve("h" + n + "/srv/new.txt")).hasContent("added in u1");
        }

        startSshd(3);
        Cli again = rollout("--parallel", "4");
        assertThat(again.code()).as(again.describe()).isEqualTo(6);
        assertThat(row(again, 1)).contains("done");
        assertThat(row(again, 3)).contains("updated");
        assertThat(row(again, 4)).contains("done");
        assertThat(work.resolve("h3/srv/new.txt")).hasContent("added in u1");
        Cli after = rollout("--check", "--json");
        assertThat(after.code()).isEqualTo(6);
        assertThat(after.out()).contains("\"status\" : \"DRIFTED\"").doesNotContain("UPDATED", "FAILED", "READY");
        assertThat(after.out().split("\"status\" : \"DONE\"", -1)).hasSize(4);
        assertThat(Files.readString(h3Log)).contains("exit 255");
    }

    @Test
    void aHostsFileErrorNamesItsLine() throws Exception {
        Path bad = work.resolve("bad.hosts");
        Files.writeString(bad, "web01\n-oProxyCommand=evil\n");
        Cli r = Cli.run("rollout", "--hosts", bad.toString(), diff.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":2: '-oProxyCommand=evil' is not an ssh destination");
    }

    @Test
    void anUnreachableHostFailsAloneAndTheOthersGoOn() throws Exception {
        Path some = work.resolve("some.hosts");
        Files.writeString(some, "root@10.213.9.2 root=/nowhere\nroot@10.213.1.2 root=" + work.resolve("h1") + "\n");
        List<String> args = new ArrayList<>(List.of("rollout", "--check", "--hosts", some.toString(), "--ssh",
                sshCommand().replace("ConnectTimeout=5", "ConnectTimeout=1"), "--remote-flar",
                String.join(" ", FlarProcess.command()), "--log-dir", work.resolve("logs2").toString(), diff.toString()));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("root@10.213.9.2:/nowhere").contains("unreachable");
        assertThat(r.out().lines().filter(l -> l.startsWith("root@10.213.1.2")).findFirst().orElseThrow())
                .containsAnyOf("ready", "done");
    }

    /**
     * The flar installed on each host, as a host sees it: none on h1 (the shell's "not found"),
     * an older release on h2, this one elsewhere. Each host is told apart by its own address,
     * since the namespaces share one file system.
     */
    @Test
    void aHostWithoutFlarOrWithAnotherVersionFailsAloneAndTheOthersGoOn() throws Exception {
        Path installed = work.resolve("flar-as-installed");
        Files.writeString(installed, "#!/bin/sh\ncase \"$(ip -4 -o addr show)\" in\n"
                + "  *10.213.1.2/*) echo \"sh: 1: flar: not found\" >&2; exit 127 ;;\n"
                + "  *10.213.2.2/*) if [ \"$1\" = --version ]; then echo 'flar 0.0.9 (an old release)'; exit 0; fi ;;\n"
                + "esac\nexec " + FlarProcess.shell() + " \"$@\"\n");
        Tools.run(work, "chmod", "755", installed.toString());
        List<String> args = new ArrayList<>(List.of("rollout", "--check", "--hosts", hostsFile.toString(), "--ssh", sshCommand(),
                "--remote-flar", installed.toString(), "--log-dir", work.resolve("logs3").toString(), diff.toString()));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(row(r, 1)).contains("no flar on the host").contains("exit 127");
        assertThat(row(r, 2)).contains("flar 0.0.9 on the host").contains("the same major.minor is needed");
        assertThat(row(r, 3)).doesNotContain("no flar").doesNotContain("0.0.9");
        assertThat(row(r, 4)).containsAnyOf("ready", "done");
    }
}
