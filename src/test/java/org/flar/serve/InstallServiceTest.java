package org.flar.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.install.Answer;
import org.flar.install.InstallClient;
import org.flar.install.InstallSite;
import org.flar.install.Machine;
import org.flar.install.Report;
import org.flar.testing.Cli;
import org.flar.testing.Jobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install server's protocol against its own client, on loopback: a machine matched by MAC
 * gets its profile with its sysidcfg filled in and URLs of this server; one no rule matches,
 * one two rules claim and one missing from the hosts table each wait with the reason; reports
 * move the table and the machine's log; a machine done gets "exit" from iPXE, even after a
 * restart of the server; and what a machine sends is checked before it is kept.
 */
class InstallServiceTest {
    private static final String WEB01 = "52:54:00:00:00:01";
    private static final String WEB02 = "52:54:00:00:00:02";
    private static final String STRANGER = "52:54:00:00:00:99";

    @TempDir
    Path dir;
    private ArchiveServer server;
    private InstallClient client;
    private final List<String> log = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void site() throws IOException {
        Path archives = Files.createDirectories(dir.resolve("archives"));
        Path tree = Files.createDirectories(dir.resolve("tree/etc"));
        Files.writeString(tree.resolve("motd"), "golden\n");
        Jobs.create(dir.resolve("tree"), "web-golden", archives.resolve("web-golden.flar"));
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("rules"), "mac " + WEB01 + " web.profile\nmac " + WEB02 + " web.profile\n"
                + "hostname db*  db.profile\n");
        Files.writeString(site.resolve("web.profile"), """
                install_type     clone
                archive_location web-golden.flar
                archive_location https://mirror.example/web-u1.flar
                layout           default
                sysidcfg         web.sysidcfg
                hosts            hosts.csv
                """);
        Files.writeString(site.resolve("db.profile"), "install_type recovery\narchive_location web-golden.flar\nend halt\n");
        Files.writeString(site.resolve("web.sysidcfg"),
                "network_interface=PRIMARY {hostname=${hostname} ip_address=${ip} netmask=255.255.255.0}\n");
        Files.writeString(site.resolve("hosts.csv"), "mac,hostname,ip\n" + WEB01 + ",web01,10.0.2.21\n" + WEB02 + ",web02,10.0.2.22\n");
        Files.writeString(dir.resolve("vmlinuz"), "kernel bytes\n");
        Files.writeString(dir.resolve("initrd.img"), "initramfs bytes\n");
        start();
    }

    private void start() throws IOException {
        server = ArchiveServer.start(dir.resolve("archives"), new InetSocketAddress("127.0.0.1", 0), line -> {
            synchronized (log) {
                log.add(line);
            }
        });
        Machines machines = new Machines(dir.resolve("state"), row -> { });
        new InstallService(new InstallSite(dir.resolve("site/rules")), machines, dir.resolve("vmlinuz"), dir.resolve("initrd.img"),
                "console=ttyS0").addTo(server);
        client = new InstallClient(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Machine machine(String mac, String hostname) {
        return new Machine(List.of(mac), hostname, "x86_64", List.of(8L << 30));
    }

    @Test
    void aMachineMatchedByMacGetsItsProfileWithItsOwnSysidcfg() throws Exception {
        Answer a = client.hello(machine(WEB02, null));
        assertThat(a.waiting()).isNull();
        assertThat(a.assignment().machine()).isEqualTo("web02 (" + WEB02 + ")");
        assertThat(a.assignment().recovery()).isFalse();
        assertThat(a.assignment().layout()).isEqualTo("default");
        assertThat(a.assignment().disks()).containsExactly("rootdisk");
        assertThat(a.assignment().archives()).containsExactly(server.url() + "archives/web-golden.flar",
                "https://mirror.example/web-u1.flar");
        assertThat(a.assignment().sysidcfg()).contains("hostname=web02 ip_address=10.0.2.22");
        assertThat(a.assignment().halt()).isFalse();
        // the URL it was given works: the chain's first archive is served
        assertThat(get(a.assignment().archives().getFirst()).statusCode()).isEqualTo(200);

        assertThat(client.hello(machine(STRANGER, "db7")).assignment().halt()).isTrue();
    }

    @Test
    void machinesWithoutAnAssignmentWaitAndSayWhy() throws Exception {
        assertThat(client.hello(machine(STRANGER, "mail1")).waiting())
                .contains("mail1 (" + STRANGER + "): no rule in " + dir.resolve("site/rules") + " matches (arch x86_64");

        // web01 is matched by MAC and, named db1 by DHCP, by name too
        assertThat(client.hello(machine(WEB01, "db1")).waiting()).contains("claimed by 2 rules").contains("make them exclusive");

        Files.writeString(dir.resolve("site/hosts.csv"), "mac,hostname,ip\n" + WEB02 + ",web02,10.0.2.22\n");
        assertThat(client.hello(machine(WEB01, null)).waiting()).contains("no line of").contains("hosts.csv has its MAC");

        // an edit of the site applies to the next hello, and its error is the reason to wait
        Files.writeString(dir.resolve("site/hosts.csv"), "mac,hostname,ip\n" + WEB01 + ",web01,\n");
        assertThat(client.hello(machine(WEB01, null)).waiting()).contains("no value for ${ip} for host web01 (" + WEB01 + ")");

        JsonNode table = json(get(server.url() + "install/machines").body());
        assertThat(table.get("machines")).extracting(r -> r.get("state").asText()).containsOnly("WAITING");
        assertThat(Files.readString(dir.resolve("state/" + WEB01.replace(':', '-') + ".log")))
                .contains("waiting: ").contains("claimed by 2 rules").contains("no value for ${ip}");
    }

    @Test
    void reportsMoveTheTableAndADoneMachineBootsFromItsDisk() throws Exception {
        String script = get(server.url() + "ipxe/" + WEB01).body();
        assertThat(script).startsWith("#!ipxe\n")
                .contains("kernel " + server.url() + "boot/vmlinuz initrd=initrd.img console=ttyS0 flar.server=" + server.url()
                        + " flar.mac=" + WEB01)
                .contains("initrd " + server.url() + "boot/initrd.img").endsWith("boot\n");
        assertThat(get(server.url() + "boot.ipxe").body()).contains("chain " + server.url() + "ipxe/${netX/mac}");
        assertThat(get(server.url() + "boot/initrd.img").body()).isEqualTo("initramfs bytes\n");

        client.hello(machine(WEB01, null));
        client.report(new Report(WEB01, Report.State.INSTALLING, "step 3/9: deploy", 40, null));
        JsonNode row = json(get(server.url() + "install/machines").body()).get("machines").get(0);
        assertThat(row.get("name").asText()).isEqualTo("web01 (" + WEB01 + ")");
        assertThat(row.get("state").asText()).isEqualTo("INSTALLING");
        assertThat(row.get("percent").asInt()).isEqualTo(40);
        client.report(new Report(WEB01, Report.State.DONE, "done", 100, "installed in 300 s"));
        assertThat(get(server.url() + "ipxe/" + WEB01).body()).contains("is installed; booting from its disk\nexit\n");
        assertThat(Files.readString(dir.resolve("state/" + WEB01.replace(':', '-') + ".log")))
                .contains("assigned: web.profile: clone of").contains("installing: step 3/9: deploy 40%")
                .contains("done: done 100%: installed in 300 s");

        // the server restarted still knows; a machine done asking again is not installed twice
        server.close();
        start();
        assertThat(get(server.url() + "ipxe/" + WEB01).body()).contains("exit\n");
        assertThat(client.hello(machine(WEB01, null)).waiting()).contains("is installed already; remove");
        assertThat(get(server.url() + "ipxe/" + WEB02).body()).contains("kernel ");
    }

    @Test
    void whatAMachineSendsIsCheckedFirst() throws Exception {
        assertThat(post("install/hello", "{\"macs\":[\"52:54:00:00:00:01; rm -rf /\"],\"arch\":\"x86_64\"}").statusCode()).isEqualTo(400);
        assertThat(post("install/hello", "{\"macs\":[\"" + WEB01 + "\"],\"arch\":\"x86_64\",\"hostname\":\"a\\u001b[2Jb\"}").body())
                .contains("hostname: not a host name");
        assertThat(post("install/hello", "not json").statusCode()).isEqualTo(400);
        assertThat(post("install/hello", "{\"macs\":[\"" + WEB01 + "\"],\"arch\":\"" + "x".repeat(70 << 10) + "\"}").statusCode())
                .isEqualTo(413);
        assertThat(post("install/report", "{\"mac\":\"" + WEB01 + "\",\"state\":\"installing\",\"percent\":101}").body())
                .contains("percent: 0-100");
        assertThat(post("install/report", "{\"mac\":\"" + WEB01 + "\",\"state\":\"hacked\"}").statusCode()).isEqualTo(400);
        assertThat(get(server.url() + "ipxe/..%2f..%2fetc%2fpasswd").statusCode()).isEqualTo(404);
        assertThat(get(server.url() + "boot/rules").statusCode()).isEqualTo(404);
        assertThat(json(get(server.url() + "install/machines").body()).get("machines")).isEmpty();

        // a report's text reaches the log escaped: no terminal control from the network
        client.hello(machine(WEB01, null));
        client.report(new Report(WEB01, Report.State.FAILED, "deploy", -1, "bad\u001b]0;owned\u0007"));
        assertThat(Files.readString(dir.resolve("state/" + WEB01.replace(':', '-') + ".log"))).contains("bad\\x1b]0;owned\\x07")
                .doesNotContain("\u001b");
        assertThatThrownBy(() -> client.report(new Report("nope", Report.State.DONE, null, 100, null)))
                .hasMessageContaining("HTTP 400: report: mac: not a MAC address");
    }

    @Test
    void aMachineNoRuleMatchesWaitsOnItsConsoleAndGivesUpWhenTold() {
        // flar install on this host: its own MACs are in no rule
        Cli r = Cli.run("install", "--server", server.url().toString(), "--poll", "1", "--wait", "2", "--target",
                dir.resolve("target").toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(r.err()).contains("flar: waiting: ").contains("no rule in").contains("(asking again every 1 s)")
                .contains("no assignment from " + server.url() + " within 2 s");
        assertThat(dir.resolve("target")).doesNotExist();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(server.url().resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String s) throws IOException {
        return new ObjectMapper().readTree(s);
    }
}
