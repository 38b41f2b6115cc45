package org.flar.job;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.flar.identity.sysidcfg.Sysidcfg;
import org.flar.install.Answer;
import org.flar.install.Assignment;
import org.flar.install.InstallClient;
import org.flar.install.Machine;
import org.flar.install.Report;
import org.flar.layout.PresentDisk;
import org.flar.progress.Progress;
import org.flar.signature.TrustedKeys;

/**
 * A machine installed from the network, as JumpStart did it ({@code flar install --server}, which
 * the rescue system runs when booted with {@code flar.server=}): it says what it is, waits until
 * the server's rules give it an assignment, shows it, and recovers onto its disks through
 * {@link Recovery} (plan first, then layout, deployment streamed from the server, sysidcfg, boot
 * loader), reporting each step and how far it is. Nothing is written before the plan stands.
 */
public final class NetworkInstall {
    /** @param seconds from the assignment to the last step */
    public record Result(Assignment assignment, long seconds) {
    }

    private final InstallClient server;
    private final String mac;
    private Path target = Path.of("/mnt/target");
    private Duration poll = Duration.ofSeconds(10);
    private Duration maxWait;
    private TrustedKeys trust = TrustedKeys.none();
    private Path sysClassNet = Path.of("/sys/class/net");
    private Path dhcpHostname = Path.of("/run/flar-dhcp-hostname");

    /** @param mac the MAC the machine booted with (flar.mac=), or null: its first interface's */
    public NetworkInstall(InstallClient server, String mac) {
        this.server = server;
        this.mac = mac == null ? null : mac.toLowerCase(Locale.ROOT);
    }

    public NetworkInstall target(Path dir) {
        this.target = dir;
        return this;
    }

    /** How often to ask again while waiting; {@code max}: give up after it (null: wait for ever, as a booted machine does). */
    public NetworkInstall waiting(Duration every, Duration max) {
        this.poll = every;
        this.maxWait = max;
        return this;
    }

    public NetworkInstall trusting(TrustedKeys keys) {
        this.trust = keys;
        return this;
    }

    /** Where interfaces and the DHCP host name are read (a test's own, not this machine's). */
    NetworkInstall facts(Path sysClassNet, Path dhcpHostname) {
        this.sysClassNet = sysClassNet;
        this.dhcpHostname = dhcpHostname;
        return this;
    }

    public Result run(Consumer<String> say) throws IOException {
        List<PresentDisk> present = PresentDisk.probe(target);
        Machine me = describe(present);
        String key = me.macs().getFirst();
        Assignment a = assignment(me, say);
        say.accept("assigned: " + a.machine() + ", profile " + a.profile() + ", " + (a.recovery() ? "recovery" : "clone")
                + " of " + String.join(" + ", a.archives()) + ", layout " + a.layout() + ", disks " + String.join(",", a.disks())
                + ", then " + (a.halt() ? "halt" : "reboot"));
        ServerReports reports = new ServerReports(server, key, say);
        long start = System.nanoTime();
        Recovery.Plan plan;
        try {
            Sysidcfg sysidcfg = a.sysidcfg() == null ? null : Sysidcfg.parse(a.sysidcfg(), a.machine() + "'s sysidcfg from " + server.server());
            Recovery.Source source = a.recovery() ? Recovery.Source.archives(a.archives()) : Recovery.Source.clone(a.archives(), sysidcfg);
            Recovery recovery = Recovery.of(source).disks(Map.of(), disks(a.disks(), present)).target(target)
                    .trusting(trust).progress(reports);
            if (a.layout().equals("default")) {
                recovery.defaultLayout();
            }
            plan = recovery.plan(present);
        } catch (IOException | RuntimeException e) {
            reports.failed("plan", "nothing written: " + e.getMessage());
            throw e;
        }
        plan.print(say);
        try {
            plan.run(line -> {
                say.accept(line);
                reports.step(line);
            });
        } catch (IOException | RuntimeException e) {
            reports.failed(null, e.getMessage());
            throw e;
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        reports.done("installed in " + seconds + " s" + (plan.changes().isEmpty() ? "" : "; " + String.join("; ", plan.changes())));
        return new Result(a, seconds);
    }

    /** Hello until the server assigns something; each new reason to wait is said once. */
    private Assignment assignment(Machine me, Consumer<String> say) throws IOException {
        long deadline = maxWait == null ? Long.MAX_VALUE : System.nanoTime() + maxWait.toNanos();
        String last = null;
        while (true) {
            String why;
            try {
                Answer answer = server.hello(me);
                if (answer.assignment() != null) {
                    return answer.assignment();
                }
                why = answer.waiting();
            } catch (IOException e) {
                why = "the install server does not answer: " + e.getMessage();
            }
            if (!why.equals(last)) {
                say.accept("waiting: " + why + " (asking again every " + poll.toSeconds() + " s)");
                last = why;
            }
            if (System.nanoTime() + poll.toNanos() > deadline) {
                throw new IOException(me.describe() + ": no assignment from " + server.server() + " within " + maxWait.toSeconds()
                        + " s: " + why);
            }
            try {
                Thread.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for an assignment");
            }
        }
    }

    /** What rules match on: the boot MAC first, the DHCP name, the architecture, the disks' sizes. */
    Machine describe(List<PresentDisk> present) throws IOException {
        Set<String> macs = new LinkedHashSet<>();
        if (mac != null) {
            macs.add(mac);
        }
        if (Files.isDirectory(sysClassNet)) {
            List<Path> interfaces = new ArrayList<>();
            try (DirectoryStream<Path> d = Files.newDirectoryStream(sysClassNet)) {
                d.forEach(interfaces::add);
            }
            interfaces.sort(null);
            for (Path i : interfaces) {
                Path address = i.resolve("address");
                Path type = i.resolve("type");
                // Ethernet (ARPHRD_ETHER = 1) only: not lo, not tunnels
                if (Files.isRegularFile(address) && Files.isRegularFile(type) && Files.readString(type).strip().equals("1")) {
                    String a = Files.readString(address).strip().toLowerCase(Locale.ROOT);
                    if (!a.equals("00:00:00:00:00:00")) {
                        macs.add(a);
                    }
                }
            }
        }
        if (macs.isEmpty()) {
            throw new IOException("no network interface with a MAC address: nothing to tell the install server");
        }
        String host = Files.isRegularFile(dhcpHostname) ? Files.readString(dhcpHostname).strip() : null;
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            default -> System.getProperty("os.arch");
        };
        return new Machine(List.copyOf(macs), host == null || host.isEmpty() ? null : host, arch,
                present.stream().filter(p -> !p.device().startsWith("/dev/loop")).map(PresentDisk::size).toList());
    }

    /** "rootdisk" is JumpStart's name for the first disk that may be written (by name: sda before sdb). */
    static List<String> disks(List<String> named, List<PresentDisk> present) throws IOException {
        List<String> free = present.stream().filter(p -> p.busy() == null && !p.device().startsWith("/dev/loop"))
                .map(PresentDisk::device).sorted().toList();
        List<String> out = new ArrayList<>();
        for (String d : named) {
            if (!d.equals("rootdisk")) {
                out.add(d);
                continue;
            }
            String first = free.stream().filter(f -> !out.contains(f) && !named.contains(f)).findFirst()
                    .orElseThrow(() -> new org.flar.layout.LayoutException("rootdisk: no free disk on this machine (disks: "
                            + String.join(", ", present.stream().map(PresentDisk::describe).toList()) + ")"));
            out.add(first);
        }
        return out;
    }

    /**
     * The server told of steps and of the deployment's progress (at most every five seconds). A
     * report that does not get through is said on the console and the install goes on, except
     * the last: a machine the server does not know is done would be installed again at its next
     * network boot, so "done" is retried and, failing, the install fails.
     */
    private static final class ServerReports implements Progress {
        private final InstallClient server;
        private final String mac;
        private final Consumer<String> say;
        private String step;
        private long total = -1;
        private long done;
        private long lastSent;

        ServerReports(InstallClient server, String mac, Consumer<String> say) {
            this.server = server;
            this.mac = mac;
            this.say = say;
        }

        void step(String line) {
            step = line;
            send(new Report(mac, Report.State.INSTALLING, line, -1, null));
        }

        void failed(String at, String message) {
            send(new Report(mac, Report.State.FAILED, at == null ? step : at, -1, message));
        }

        void done(String message) throws IOException {
            IOException last = null;
            for (int attempt = 0; attempt < 12; attempt++) {
                try {
                    server.report(new Report(mac, Report.State.DONE, "done", 100, message));
                    return;
                } catch (IOException e) {
                    last = e;
                    try {
                        Thread.sleep(5000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            throw new IOException("installed, but the server was not told (" + last.getMessage() + "): it would install this "
                    + "machine again at its next network boot", last);
        }

        @Override
        public synchronized void phase(String name, long totalBytes) {
            total = totalBytes;
            done = 0;
        }

        @Override
        public synchronized void entry(String path, long bytes) {
            done += bytes;
            long now = System.nanoTime();
            if (total > 0 && now - lastSent > 5_000_000_000L) {
                lastSent = now;
                send(new Report(mac, Report.State.INSTALLING, step, (int) Math.min(100, done * 100 / total), null));
            }
        }

        @Override
        public void warning(String message) {
            say.accept("warning: " + message);
            send(new Report(mac, Report.State.INSTALLING, step, -1, "warning: " + message));
        }

        private void send(Report r) {
            try {
                server.report(r);
            } catch (IOException e) {
                say.accept("warning: the server was not told how far this machine is: " + e.getMessage());
            }
        }
    }
}
