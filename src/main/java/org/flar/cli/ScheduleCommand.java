package org.flar.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flar schedule}: scheduled captures (only {@code run} so far; systemd's timer decides when). */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {
            "Scheduled captures of this machine, one per /etc/flar/capture/NAME.conf, run by the systemd timer "
                    + "flar-capture@NAME.timer (enable it with systemctl enable --now flar-capture@NAME.timer). "
                    + "The example configuration, every key explained, is /usr/share/doc/flar/examples/capture.conf."},
        subcommands = {ScheduleRunCommand.class},
        footer = {"", "Example:", "  flar schedule run nightly", ExitCode.HELP})
final class ScheduleCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: run");
    }
}
