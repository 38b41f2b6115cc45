package org.flar.scripts;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flar.format.ScriptSection.Script;
import org.flar.fs.Beneath;

/**
 * The reboot phase, written into a deployed target: the scripts, their environment and a runner
 * under {@value #DIR}, and a systemd unit enabled for multi-user.target that runs them on the
 * first boot, in order, each under the time limit ({@code timeout}), and then removes the unit,
 * its link and the directory, whatever the outcome: it runs once. A failing script stops the
 * rest and fails the unit, which the journal keeps.
 */
public final class RebootUnit {
    public static final String DIR = "var/lib/flar/reboot";
    public static final String UNIT_NAME = "flar-reboot.service";
    public static final String UNIT = "etc/systemd/system/" + UNIT_NAME;
    public static final String WANTS = "etc/systemd/system/multi-user.target.wants/" + UNIT_NAME;

    private RebootUnit() {
    }

    /** @param scripts in the order they run; names are made unique and ordered by a numeric prefix */
    public static void write(Path target, List<Script> scripts, Map<String, String> environment, String limit)
            throws IOException {
        try (Beneath root = Beneath.open(target)) {
            TargetFiles.removeTree(root, DIR);
            int n = 0;
            for (Script s : scripts) {
                TargetFiles.write(root, DIR + "/scripts/" + String.format("%03d-", n++) + s.name(), s.content(), 0700);
            }
            StringBuilder env = new StringBuilder();
            environment.forEach((k, v) -> env.append(k).append('=').append(quoted(v)).append('\n'));
            TargetFiles.write(root, DIR + "/environment", env.toString().getBytes(UTF_8), 0600);
            TargetFiles.write(root, DIR + "/run", runner(limit).getBytes(UTF_8), 0700);
            TargetFiles.write(root, UNIT, unit().getBytes(UTF_8), 0644);
            TargetFiles.link(root, WANTS, "/" + UNIT);
        }
    }

    /** systemd's EnvironmentFile: double quotes, with \ and " escaped; values never hold a line feed. */
    private static String quoted(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String unit() {
        return """
                [Unit]
                Description=flar: the deployed archive's reboot scripts (runs once, then removes itself)
                Wants=network-online.target
                After=network-online.target
                ConditionPathExists=/%1$s/run

                [Service]
                Type=oneshot
                EnvironmentFile=/%1$s/environment
                ExecStart=/%1$s/run
                TimeoutStartSec=infinity
                StandardOutput=journal+console
                StandardError=journal+console

                [Install]
                WantedBy=multi-user.target
                """.formatted(DIR);
    }

    static String runner(String limit) {
        return """
                #!/bin/sh
                # flar: the archive's reboot scripts, in order, once; then this unit removes itself.
                dir=/%1$s
                status=0
                for s in "$dir"/scripts/*; do
                    [ -f "$s" ] || continue
                    name=${s##*/}
                    echo "flar: reboot script ${name#???-}"
                    FLAR_SCRIPT=${name#???-} timeout --kill-after=10s %2$s "$s" </dev/null
                    status=$?
                    if [ "$status" -ne 0 ]; then
                        echo "flar: reboot script ${name#???-} failed with exit status $status (124: past its limit of %2$s); the rest were not run" >&2
                        break
                    fi
                done
                rm -f /%3$s /%4$s
                rm -rf "$dir"
                exit "$status"
                """.formatted(DIR, limit, WANTS, UNIT);
    }
}
