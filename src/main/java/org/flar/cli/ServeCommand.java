package org.flar.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.flar.install.InstallCheck;
import org.flar.install.InstallSite;
import org.flar.location.s3.S3Presigned;
import org.flar.rescue.RescueBuilder;
import org.flar.rescue.RescueFiles;
import org.flar.rescue.RescueSystem;
import org.flar.serve.ArchiveServer;
import org.flar.serve.InstallService;
import org.flar.serve.Machines;
import org.flar.serve.TlsIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flar serve}: the install server (docs/install-server.md): archives over HTTP and, with
 * {@code --rules}, network installs of whole machines.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "The install server. Serves the archives in DIR over HTTP at /archives/NAME, with range requests "
                    + "(a cut transfer resumes where it stopped) and validators (a file replaced meanwhile is "
                    + "refused, not spliced), to any number of machines at once from the page cache; runs until "
                    + "interrupted. Machines deploy with 'flar deploy -R ROOT http://SERVER:PORT/archives/NAME'.",
            "",
            "With --rules it installs machines that boot from the network, as JumpStart did: DHCP points their "
                    + "iPXE at http://SERVER:PORT/boot.ipxe (the dnsmasq lines are printed at start), each gets the "
                    + "rescue system with flar.server=, asks for its assignment, is matched to a profile by the rules "
                    + "(MAC, host name, architecture, disk size, any), lays out its disks, deploys the chain "
                    + "streaming from here, applies its sysidcfg, installs its boot loader and reboots into the new "
                    + "system; a machine done boots from its disk thereafter. A live table shows every machine "
                    + "(waiting and why, installing with its step, done, failed with the message), and each has its "
                    + "log in --state. The site is checked at start and read again for every machine, so an edit "
                    + "applies to the next one that asks.",
            "",
            "'flar serve check' validates a rules file, its profiles and templates."},
        subcommands = {ServeCheckCommand.class},
        footer = {"", "Examples:", "  flar serve --archives /srv/flar --listen 0.0.0.0:8080",
            "  flar serve --archives /srv/flar --rules /srv/flar/rules --listen 192.0.2.1:8080",
            "  flar serve --archives s3://images/golden/ --s3-endpoint https://rgw.example:7480 --rules rules",
            "  flar serve check /srv/flar/rules", "",
            "A machine done is installed again after 'rm STATE/MAC.json' (MAC with dashes).", ExitCode.HELP})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--archives", paramLabel = "DIR|s3://BUCKET/PREFIX/", description = "The directory whose files are "
            + "served (names of letters, digits and ._+-, not starting with a dot; no subdirectories); or an S3 prefix, "
            + "whose objects machines are redirected to (307 to a presigned URL, valid --url-lifetime): the server then "
            + "carries no archive bytes, the store does (credentials: the AWS SDK's chain, on the server only).")
    String archives;

    @Option(names = "--url-lifetime", paramLabel = "SECONDS", description = "How long a presigned S3 URL is valid "
            + "(default: 3600; each request, a resumed range too, gets a new one).")
    long urlLifetime = 3600;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Where to listen (default: 0.0.0.0:8080; port 0 "
            + "picks a free one, printed).")
    String listen = "0.0.0.0:8080";

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this certificate chain (the "
            + "server's first); with --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The certificate's unencrypted PKCS#8 key (BEGIN PRIVATE "
            + "KEY; RSA, EC or Ed25519). Clients name the CA with --ca-file where the system does not trust it.")
    Path tlsKey;

    @Option(names = "--rules", paramLabel = "FILE", description = "Install machines booting from the network by this "
            + "rules file (docs/install-server.md); archive names in its profiles are files of --archives.")
    Path rules;

    @Option(names = "--rescue", paramLabel = "ISO|DIR", description = "The rescue system machines boot: a directory "
            + "with vmlinuz and initrd.img (flar rescue build --output DIR) or a rescue ISO. Default: flar rescue "
            + "build's own (cached; built when missing).")
    Path rescue;

    @Option(names = "--state", paramLabel = "DIR", description = "Each machine's state (MAC.json) and log (MAC.log) "
            + "(default: /var/lib/flar/serve).")
    Path state = Path.of("/var/lib/flar/serve");

    @Option(names = "--append", paramLabel = "PARAMS", description = "Kernel parameters for the rescue system before "
            + "flar.server= (default: console=tty0 console=ttyS0,115200: the screen, and the serial log last).")
    String append = "console=tty0 console=ttyS0,115200";

    @Mixin
    LocationOptions locations;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (archives == null) {
            throw new IllegalArgumentException("give --archives DIR to serve (or a command: check)");
        }
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--listen " + listen + ": expected HOST:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen " + listen + ": the port is not a number");
        }
        String host = listen.substring(0, colon).replaceAll("^\\[|]$", "");
        Path scratch = null;
        InetSocketAddress bind = new InetSocketAddress(host, port);
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        SSLContext tls = tlsCert == null ? null : TlsIdentity.load(tlsCert, tlsKey);
        try (ArchiveServer server = archives.startsWith("s3://")
                ? ArchiveServer.redirecting(new S3Presigned(archives, locations.settings(), Duration.ofSeconds(urlLifetime)), bind, tls,
                        line -> say("flar serve: " + line))
                : ArchiveServer.start(Path.of(archives), bind, tls, line -> say("flar serve: " + line))) {
            AtomicBoolean changed = new AtomicBoolean();
            boolean table = System.console() != null && !common.quiet && !common.json;
            if (rules != null) {
                InstallCheck.check(rules, archives, locations.settings(), true); // a broken site fails now, not per machine
                RescueSystem system;
                if (rescue != null) {
                    scratch = Files.isRegularFile(rescue) ? Files.createTempDirectory("flar-rescue-") : null;
                    system = RescueFiles.load(rescue, scratch);
                } else {
                    system = RescueBuilder.standard(line -> say("flar serve: rescue: " + line)).build();
                }
                Machines machines = new Machines(state, row -> {
                    if (table) {
                        changed.set(true);
                    } else {
                        say("flar serve: " + MachineTable.line(row));
                    }
                });
                new InstallService(new InstallSite(rules), machines, system.kernel(), system.initramfs(), append).addTo(server);
                say("flar serve: installing machines by " + rules + " (state and logs in " + state + ")");
                dhcpLines(server.url().getPort()).forEach(this::say);
                if (table) {
                    drawEveryTwoSeconds(machines, changed);
                }
            }
            say("flar serve: serving " + archives + " at " + server.url() + "archives/");
            new java.util.concurrent.CountDownLatch(1).await(); // until the process is interrupted (SIGINT, SIGTERM)
        } finally {
            if (scratch != null) {
                org.flar.fs.FileTrees.delete(scratch);
            }
        }
        return ExitCode.OK;
    }

    /** What a site's dnsmasq needs to point machines here (iPXE asks with DHCP option 175). */
    private List<String> dhcpLines(int port) {
        String host = listen.substring(0, listen.lastIndexOf(':'));
        String at = host.isEmpty() || host.equals("0.0.0.0") || host.equals("[::]") ? "SERVER" : host;
        return List.of("flar serve: DHCP for network installs (dnsmasq; machines whose firmware has no iPXE chain-load "
                        + "Debian's ipxe undionly.kpxe / ipxe.efi by TFTP first):",
                "  dhcp-match=set:ipxe,175",
                "  dhcp-boot=tag:ipxe,http://" + at + ":" + port + "/boot.ipxe",
                "  dhcp-boot=tag:!ipxe,undionly.kpxe     # with enable-tftp and tftp-root holding it (BIOS)",
                "  # qemu: -netdev user,id=n0,bootfile=http://10.0.2.2:" + port + "/boot.ipxe -device virtio-net-pci,netdev=n0");
    }

    private void drawEveryTwoSeconds(Machines machines, AtomicBoolean changed) {
        Thread.ofVirtual().name("machine-table").start(() -> {
            while (true) {
                if (changed.getAndSet(false)) {
                    // home and clear below: the table replaces itself instead of scrolling
                    say("\033[H\033[J" + MachineTable.render(machines.rows()));
                }
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private synchronized void say(String line) {
        common.err().println(line);
        common.err().flush();
    }
}
