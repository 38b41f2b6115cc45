package org.flar.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flar.install.InstallClient;
import org.flar.job.NetworkInstall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "install", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Install this machine from a flar install server, as JumpStart did: tell the server what the machine is "
                    + "(its MACs, the host name DHCP gave it, architecture, disk sizes), wait until the server's rules "
                    + "assign it a profile, show the assignment and the plan, then lay out the disks, deploy the "
                    + "archive chain streaming from the server (a clone configured from its sysidcfg, or a recovery), "
                    + "install the boot loader, and report every step back. Nothing is written before the plan stands; "
                    + "a machine no rule matches waits and says why. The rescue system runs this when booted from the "
                    + "network with flar.server=URL (docs/install-server.md); it also runs on any Linux with the "
                    + "tools of flar recover.",
            "",
            "Prints the end the profile asks for (reboot or halt) with --json; the rescue system acts on it."},
        footer = {"", "Examples:", "  flar install --server http://10.0.0.1:8080/",
            "  flar install --server http://10.0.0.1:8080/ --mac 52:54:00:12:34:56 --wait 600 --json", ExitCode.HELP})
final class InstallCommand implements Callable<Integer> {
    @Option(names = "--server", required = true, paramLabel = "URL", description = "The install server (flar serve's URL).")
    URI server;

    @Option(names = "--mac", paramLabel = "MAC", description = "The MAC this machine booted with (the rescue system's "
            + "flar.mac=): the machine's key on the server. Default: its first Ethernet interface's.")
    String mac;

    @Option(names = "--target", paramLabel = "DIR", description = "Where the file systems are mounted (default: /mnt/target).")
    Path target = Path.of("/mnt/target");

    @Option(names = "--poll", paramLabel = "SECONDS", description = "How often a waiting machine asks again (default: 10).")
    long poll = 10;

    @Option(names = "--wait", paramLabel = "SECONDS", description = "Give up after waiting this long for an assignment "
            + "(exit 1). Default: wait for ever, as a booted machine does.")
    Long maxWait;

    @Mixin
    TrustOptions trust;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        if (poll < 1) {
            throw new IllegalArgumentException("--poll: at least 1 second");
        }
        NetworkInstall install = new NetworkInstall(new InstallClient(server), mac).target(target)
                .waiting(Duration.ofSeconds(poll), maxWait == null ? null : Duration.ofSeconds(maxWait)).trusting(trust.load());
        NetworkInstall.Result r = install.run(line -> {
            common.err().println("flar: " + line);
            common.err().flush();
        });
        if (common.json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("installed", true);
            out.put("machine", r.assignment().machine());
            out.put("profile", r.assignment().profile());
            out.put("archives", r.assignment().archives());
            out.put("seconds", r.seconds());
            out.put("end", r.assignment().halt() ? "halt" : "reboot");
            Json.print(common.out(), out);
        } else if (!common.quiet) {
            common.err().println("flar: " + r.assignment().machine() + " installed in " + r.seconds() + " s");
        }
        return ExitCode.OK;
    }
}
