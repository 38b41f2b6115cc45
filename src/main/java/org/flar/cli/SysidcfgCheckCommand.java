package org.flar.cli;

import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flar.identity.sysidcfg.Applied;
import org.flar.identity.sysidcfg.Sysidcfg;
import org.flar.identity.sysidcfg.SysidcfgApplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
            "Check a sysidcfg file: its syntax, keywords and values (IPv4 addresses and netmasks, host and domain "
                    + "names, time zone names, crypt(3) hash formats). The first problem is reported as "
                    + "FILE:LINE:COLUMN: problem, and the exit code is 2.",
            "",
            "With -R, also check it against a target root without writing anything: the time zone must be in the "
                    + "root's zoneinfo and every interface must resolve to a Linux name; the files a deploy would "
                    + "write are listed, with the settings it would not apply."},
        footer = {"", "Examples:", "  flar sysidcfg check web02.sysidcfg",
            "  flar sysidcfg check -R /mnt/clone web02.sysidcfg", ExitCode.HELP})
final class SysidcfgCheckCommand implements Callable<Integer> {
    @Option(names = {"-R", "--root"}, paramLabel = "ROOT",
            description = "Also check against this target root (read only) and list what would be written.")
    Path root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The sysidcfg file.")
    Path file;

    @Override
    public Integer call() throws IOException {
        Sysidcfg config = Sysidcfg.parse(file);
        if (root == null) {
            spec.commandLine().getOut().println(file + ": good");
            return ExitCode.OK;
        }
        Applied plan = SysidcfgApplier.dryRun(config, root);
        spec.commandLine().getOut().println(file + ": good for " + root + " (network: "
                + plan.layout().name().toLowerCase(java.util.Locale.ROOT) + ")");
        plan.written().forEach(p -> spec.commandLine().getOut().println("  would write " + p));
        plan.notApplied().forEach(n -> spec.commandLine().getOut().println("  " + n));
        return ExitCode.OK;
    }
}
