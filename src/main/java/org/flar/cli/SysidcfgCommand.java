package org.flar.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flar sysidcfg}: the group of sysidcfg commands (only {@code check} so far). */
@Command(name = "sysidcfg", mixinStandardHelpOptions = true,
        description = {
            "Work with Solaris sysidcfg files, the per-clone settings (host name, interfaces, DNS, time zone, "
                    + "locale, root password hash) that 'flar deploy --sysidcfg FILE' writes into a clone in the "
                    + "formats the target uses. See docs/sysidcfg.md."},
        subcommands = {SysidcfgCheckCommand.class},
        footer = {"", "Example:", "  flar sysidcfg check web02.sysidcfg", ExitCode.HELP})
final class SysidcfgCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: check");
    }
}
