package org.flar.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flar.install.InstallSite;
import org.flar.location.CuttingProxy;
import org.flar.rescue.RescueSystem;
import org.flar.testing.BootableDebianRoot;
import org.flar.testing.Cli;
import org.flar.testing.Qemu;
import org.flar.testing.Qemu.Firmware;
import org.flar.testing.RescueFixture;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JumpStart's first story end to end: two machines boot from the network at once (qemu's iPXE,
 * its user-mode DHCP pointing at flar serve's boot script on the host), are matched by MAC to
 * one clone profile, get the rescue system, lay out their blank disks (flar's default layout),
 * deploy one archive streaming from the server through a relay that cuts the first long
 * transfer (resumed), apply each its own sysidcfg from the template and the hosts table, install
 * GRUB and reboot; their next network boot is told to boot from the disk, and each comes up
 * with its own host name and address. A third machine, in no rule, waits and says so.
 */
class NetworkInstallIT {
    private static final String WEB01 = "52:54:00:f1:a0:01";
    private static final String WEB02 = "52:54:00:f1:a0:02";
    private static final String STRANGER = "52:54:00:f1:a0:99";
    /** What the installed machines need not carry: MediaRecoveryIT's list, with the network drivers kept. */
    private static final List<String> LEFT_OUT = List.of("/var/cache/apt", "/usr/lib/modules/*/kernel/sound",
            "/usr/lib/modules/*/kernel/drivers/net/ethernet", "/usr/lib/modules/*/kernel/drivers/net/wireless",
            "/usr/lib/modules/*/kernel/net/wireless", "/usr/lib/modules/*/kernel/net/mac80211",
            "/usr/lib/modules/*/kernel/net/bluetooth", "/usr/lib/modules/*/kernel/drivers/gpu",
            "/usr/lib/modules/*/kernel/drivers/media", "/usr/lib/modules/*/kernel/drivers/infiniband",
            "/usr/lib/modules/*/kernel/drivers/scsi", "/usr/lib/modules/*/kernel/drivers/iio",
            "/usr/lib/modules/*/kernel/drivers/usb", "/usr/lib/modules/*/kernel/drivers/staging",
            "/usr/lib/modules/*/kernel/drivers/hwmon", "/usr/lib/modules/*/kernel/drivers/platform",
            "/usr/lib/modules/*/kernel/drivers/hid");

    /** "flar", as the bootable root's own (crypt SHA-512), so the test logs in as on the master. */
    private static final String ROOT_HASH;

    static {
        try {
            ROOT_HASH = Tools.run(List.of("openssl", "passwd", "-6", "-salt", "flarsalt", "flar"), null).strip();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Path work;

    @BeforeEach
    void setUp() {
        Tools.requireRoot();
        Qemu.require(Firmware.BIOS);
        work = Tools.scratchDir("network-install-");
    }

    @AfterEach
    void tearDown() {
        if (System.getenv("FLAR_TEST_KEEP") == null) {
            Tools.deleteTree(work);
        }
    }

    @Test
    void twoMachinesInstallAtOnceFromTheNetworkEachWithItsOwnIdentity() throws Exception {
        Path root = BootableDebianRoot.cached();
        RescueSystem rescue = RescueFixture.system();
        Path archives = Files.createDirectories(work.resolve("archives"));
        List<String> create = new ArrayList<>(List.of("create", "-q", "-n", "web-golden", "-R", root.toString()));
        LEFT_OUT.forEach(x -> create.addAll(List.of("-x", x)));
        create.add(archives.resolve("web-golden.flar").toString());
        Cli.ok(create.toArray(String[]::new));

        try (ArchiveServer server = ArchiveServer.start(archives, new InetSocketAddress("127.0.0.1", 0), line -> { })) {
            int port = server.url().getPort();
            try (CuttingProxy cutting = new CuttingProxy(port, 64L << 20, CuttingProxy.Later.CUT_ONCE)) {
                Path site = site(cutting.port());
                Machines machines = new Machines(work.resolve("state"), row -> { });
                new InstallService(new InstallSite(site.resolve("rules")), machines, rescue.kernel(), rescue.initramfs(),
                        "console=tty0 console=ttyS0,115200").addTo(server);
                Cli.ok("serve", "check", "--archives", archives.toString(), "--no-archives", site.resolve("rules").toString());

                Path disk1 = blank("web01.raw");
                Path disk2 = blank("web02.raw");
                Path disk3 = blank("stranger.raw");
                try (Qemu stranger = netboot(port, "stranger", STRANGER, disk3);
                     Qemu web01 = netboot(port, "web01-install", WEB01, disk1);
                     Qemu web02 = netboot(port, "web02-install", WEB02, disk2)) {
                    String waiting = stranger.waitFor("(asking again every 10 s)", "RESTORE", Duration.ofMinutes(10));
                    assertThat(waiting).contains("network: eth0 10.0.2.15/24")
                            .contains("waiting: " + STRANGER + ": no rule in " + site.resolve("rules") + " matches");
                    stranger.close(); // it would wait for ever; the others get its core
                    String log1 = web01.waitFor("RESTORE SUCCEEDED", "RESTORE FAILED", Duration.ofMinutes(25));
                    String log2 = web02.waitFor("RESTORE SUCCEEDED", "RESTORE FAILED", Duration.ofMinutes(25));
                    for (String log : List.of(log1, log2)) {
                        assertThat(log).contains("profile web.profile, clone of http://10.0.2.2:" + cutting.port()
                                        + "/archives/web-golden.flar, layout default, disks rootdisk, then reboot")
                                .contains("layout: flar's default").contains("(a clone configured from its sysidcfg)")
                                .contains("rebooting into the installed system");
                    }
                    assertThat(log1).contains("assigned: web01 (" + WEB01 + ")");
                    assertThat(log2).contains("assigned: web02 (" + WEB02 + ")");
                    assertThat(log1 + log2).as("the cut transfer was resumed").contains("retrying at byte");
                    web01.waitForExit(Duration.ofMinutes(2));
                    web02.waitForExit(Duration.ofMinutes(2));
                }
                assertThat(cutting.hasCut()).isTrue();

                Map<String, String> states = new HashMap<>();
                JsonNode table = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.url() + "install/machines")).build(), HttpResponse.BodyHandlers.ofString()).body());
                table.get("machines").forEach(r -> states.put(r.get("mac").asText(), r.get("state").asText()));
                assertThat(states).containsEntry(WEB01, "DONE").containsEntry(WEB02, "DONE").containsEntry(STRANGER, "WAITING");
                assertThat(machines.log(WEB01)).content().contains("assigned: web.profile: clone of")
                        .contains("installing: step").contains("done: done 100%: installed in");

                // booted from the network again, each is told to boot its disk (iPXE "exit"; the
                // rescue system would wait instead, told it is installed already), and is itself
                try (Qemu web01 = netboot(port, "web01", WEB01, disk1); Qemu web02 = netboot(port, "web02", WEB02, disk2)) {
                    assertThat(identity(web01, "web01")).contains(" 10.0.2.21 ");
                    assertThat(identity(web02, "web02")).contains(" 10.0.2.22 ");
                }
            }
        }
    }

    /** Rules by MAC, one clone profile whose archive is read through the cutting relay, a template and the hosts. */
    private Path site(int relayPort) throws Exception {
        Path site = Files.createDirectories(work.resolve("site"));
        Files.writeString(site.resolve("rules"), "mac " + WEB01 + "  web.profile\nmac " + WEB02 + "  web.profile\n");
        Files.writeString(site.resolve("web.profile"), """
                install_type     clone
                archive_location http://10.0.2.2:%d/archives/web-golden.flar
                layout           default
                sysidcfg         web.sysidcfg
                hosts            hosts.csv
                end              reboot
                """.formatted(relayPort));
        Files.writeString(site.resolve("web.sysidcfg"), """
                network_interface=PRIMARY {hostname=${hostname} ip_address=${ip} netmask=255.255.255.0 default_route=10.0.2.2}
                root_password=%s
                timezone=UTC
                """.formatted(ROOT_HASH));
        Files.writeString(site.resolve("hosts.csv"), "mac,hostname,ip\n" + WEB01 + ",web01,10.0.2.21\n" + WEB02 + ",web02,10.0.2.22\n");
        return site;
    }

    /** A BIOS machine that boots from its network card first (iPXE from qemu's DHCP), then its disk. */
    private Qemu netboot(int port, String name, String mac, Path disk) {
        return Qemu.start(work, name, Firmware.BIOS, List.of(
                "-netdev", "user,id=n0,bootfile=http://10.0.2.2:" + port + "/boot.ipxe",
                "-device", "virtio-net-pci,netdev=n0,mac=" + mac + ",bootindex=1",
                "-drive", "file=" + disk + ",format=raw,if=none,id=d0",
                "-device", "virtio-blk-pci,drive=d0,bootindex=2"));
    }

    /** Logs in on the serial console; what hostname and hostname -I say (minbase has no iproute2). */
    private static String identity(Qemu vm, String hostname) {
        vm.waitFor(hostname + " login:", null, Duration.ofMinutes(8));
        vm.type("root\n");
        vm.waitFor("Password:", null, Duration.ofMinutes(1));
        vm.type("flar\n");
        vm.waitFor("root@" + hostname + ":~#", null, Duration.ofMinutes(2));
        // networkd may still be bringing the link up: wait for the address, at most a minute
        vm.type("for i in $(seq 60); do hostname -I | grep -q '10\\.' && break; sleep 1; done; "
                + "echo ID-$((0+1)) $(hostname) $(hostname -I) ID-$((1+1))\n");
        String log = vm.waitFor("ID-2", null, Duration.ofMinutes(2));
        String line = log.substring(log.lastIndexOf("ID-1"));
        assertThat(line).startsWith("ID-1 " + hostname + " ");
        return line.substring(0, line.indexOf("ID-2"));
    }

    private Path blank(String name) throws Exception {
        Path p = work.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(4L << 30);
        }
        return p;
    }
}
