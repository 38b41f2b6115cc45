package org.flar.cli;

import java.time.Duration;
import org.flar.scripts.ScriptRunner;
import picocli.CommandLine.Option;

/** --no-scripts and --script-timeout: create and deploy. */
final class ScriptOptions {
    @Option(names = "--no-scripts", description = "Run no deployment script: create neither runs the master's "
            + "precreation scripts nor carries any; deploy runs none of the archive's, nor the target's "
            + "local_customization, and leaves no reboot unit.")
    boolean none;

    @Option(names = "--script-timeout", paramLabel = "LIMIT", description = "Time limit of each script (90s, 10m, 1h; "
            + "default 10m): one still running then is killed with what it started, and stops the work (exit 8).")
    String timeout;

    /** The limit, or null with --no-scripts. */
    Duration limit() {
        if (none) {
            if (timeout != null) {
                throw new IllegalArgumentException("--script-timeout limits scripts: not with --no-scripts");
            }
            return null;
        }
        return timeout == null ? ScriptRunner.DEFAULT_LIMIT : ScriptRunner.parseLimit(timeout);
    }
}
