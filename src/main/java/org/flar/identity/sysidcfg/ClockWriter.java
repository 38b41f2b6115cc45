package org.flar.identity.sysidcfg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code timezone} and {@code timeserver}.
 *
 * <p>The zone must exist in the target's {@code /usr/share/zoneinfo} as a TZif file (links
 * followed inside the root); then {@code /etc/localtime} becomes a link to
 * {@code /usr/share/zoneinfo/NAME}, as tzdata and timedatectl make it, and {@code /etc/timezone}
 * is written where Debian keeps it (or where it already exists).
 *
 * <p>A time server goes to the NTP client the target has: chrony (Debian's {@code sources.d}
 * file, or a line added to RHEL's {@code /etc/chrony.conf}), ntpd/ntpsec (a line added to
 * ntp.conf), else a systemd-timesyncd drop-in (also when no client is installed yet: it takes
 * effect once timesyncd is). {@code timeserver=localhost} (the machine is its own time source)
 * writes nothing.
 */
final class ClockWriter {
    private static final byte[] TZIF = "TZif".getBytes(StandardCharsets.US_ASCII);

    private ClockWriter() {
    }

    static void planTimezone(String zone, Origin origin, RootFiles root, boolean debian, Plan plan) throws IOException {
        String rel = "usr/share/zoneinfo/" + zone;
        Optional<String> file = root.resolveInside(rel);
        Optional<byte[]> content = file.isPresent() ? root.readBytes(file.get()) : Optional.empty();
        if (content.isEmpty() || content.get().length < 4
                || !Arrays.equals(Arrays.copyOf(content.get(), 4), TZIF)) {
            throw origin.error("timezone", "time zone '" + zone + "' is not in the target's /usr/share/zoneinfo"
                    + " (is tzdata installed there?)");
        }
        plan.link("etc/localtime", "/usr/share/zoneinfo/" + zone);
        if (debian || root.lstat("etc/timezone").isPresent()) {
            plan.file("etc/timezone", zone + "\n", 0644);
        }
    }

    static void planTimeserver(String server, RootFiles root, Plan plan) throws IOException {
        if (server.equalsIgnoreCase("localhost")) {
            plan.note("timeserver=localhost: the machine keeps its own clock; no NTP client configured");
            return;
        }
        String line = "server " + server + " iburst";
        if (root.isDirectory("etc/chrony/sources.d")) {
            plan.file("etc/chrony/sources.d/sysidcfg.sources", "# Written by flar from a sysidcfg.\n" + line + "\n",
                    0644);
        } else if (root.isRegularFile("etc/chrony.conf")) {
            appendLine("etc/chrony.conf", line, root, plan);
        } else if (root.isRegularFile("etc/chrony/chrony.conf")) {
            appendLine("etc/chrony/chrony.conf", line, root, plan);
        } else if (root.isRegularFile("etc/ntpsec/ntp.conf")) {
            appendLine("etc/ntpsec/ntp.conf", line, root, plan);
        } else if (root.isRegularFile("etc/ntp.conf")) {
            appendLine("etc/ntp.conf", line, root, plan);
        } else {
            plan.file("etc/systemd/timesyncd.conf.d/sysidcfg.conf",
                    "# Written by flar from a sysidcfg.\n[Time]\nNTP=" + server + "\n", 0644);
        }
    }

    /** Adds the line unless the file already has it. */
    private static void appendLine(String rel, String line, RootFiles root, Plan plan) throws IOException {
        String text = root.readText(rel).orElse("");
        if (text.lines().anyMatch(l -> l.strip().equals(line))) {
            return;
        }
        plan.file(rel, text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + line + "\n", 0644);
    }
}
