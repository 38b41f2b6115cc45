package org.flar.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flar.install.InstallCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
            "Check a rules file and everything it leads to before a single machine boots: the rules, each profile "
                    + "(relative to the rules file), each archive of each chain (its text sections are fetched), each "
                    + "sysidcfg template filled for every host of its table and parsed, and that no host is claimed by "
                    + "two rules. Errors say file:line:column."},
        footer = {"", "Examples:", "  flar serve check /srv/flar/rules", "  flar serve check --no-archives rules", ExitCode.HELP})
final class ServeCheckCommand implements Callable<Integer> {
    @Option(names = "--no-archives", description = "Do not fetch the archives' text sections (the server is not up yet).")
    boolean noArchives;

    @Option(names = "--archives", paramLabel = "DIR|s3://BUCKET/PREFIX/", description = "What flar serve serves: archive "
            + "names of profiles are its files (default: the rules file's directory).")
    String archiveDir;

    @Mixin
    CommonOptions common;

    @Mixin
    LocationOptions locations;

    @Parameters(paramLabel = "RULES", description = "The rules file.")
    Path rules;

    @Override
    public Integer call() throws IOException {
        InstallCheck.Report r = InstallCheck.check(rules, archiveDir, locations.settings(), !noArchives);
        if (common.json) {
            Json.print(common.out(), r);
        } else {
            r.profiles().forEach((p, hosts) -> common.out().printf("%s: good%s%n", p, hosts > 0 ? ", " + hosts + " hosts" : ""));
            common.out().printf("%s: good: %d rules, %d profiles, %d archives checked%n", rules, r.ruleCount(),
                    r.profiles().size(), r.archives().size());
        }
        return ExitCode.OK;
    }
}
