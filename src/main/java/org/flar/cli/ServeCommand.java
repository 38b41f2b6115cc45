package org.flar.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flar serve}: the install server's commands (only {@code check} so far; docs/install-server.md). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "The install server: machines that boot from the network are matched to a profile by a rules file "
                    + "(MAC, host name, architecture, disk size, any) and installed from the archives it names, each "
                    + "configured from a sysidcfg template filled with its own values. See docs/install-server.md."},
        subcommands = {ServeCheckCommand.class},
        footer = {"", "Example:", "  flar serve check /srv/flar/rules", ExitCode.HELP})
final class ServeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: check");
    }
}
