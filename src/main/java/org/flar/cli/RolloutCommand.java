package org.flar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.flar.format.Show;
import org.flar.rollout.HostsFile;
import org.flar.rollout.Outcome;
import org.flar.rollout.Rollout;
import org.flar.rollout.Ssh;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rollout", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Roll a chain of archives (usually a differential) out to running machines over ssh.",
            "",
            "Each host is checked first: flar there and of this version's format, then the host's own "
                    + "'flar deploy --check' on the archive's text sections (its trusted keys, its recorded state, "
                    + "drift in the files the archive touches, free space). A host already at the chain's end state "
                    + "is skipped as done, so an interrupted rollout can simply be run again; a drifted host is "
                    + "skipped and named with its drifted files; the others get each archive streamed to "
                    + "'flar deploy -'. The canaries (the first hosts of the file) go first, and the rest only if "
                    + "none of them failed; at most --parallel hosts at a time; no new host once more than "
                    + "--max-failures failed. Each host's ssh session is logged in --log-dir; a table ends it.",
            "",
            "The system's ssh is used, with BatchMode: your ssh config, agent, known_hosts and jump hosts apply."},
        footer = {"", "Hosts file: one host per line, DESTINATION [root=PATH], # comments, e.g.",
            "  web01.example.com", "  admin@web02 root=/", "",
            "Examples:",
            "  flar rollout --hosts web.hosts --check web01-u1.flar",
            "  flar rollout --hosts web.hosts --canary 1 --parallel 8 --max-failures 2 web01-u1.flar",
            "", "Exit: 0 every host updated, done or (with --check) ready; 6 some host drifted and none failed; "
                    + "1 some host failed or was not started.", ExitCode.HELP})
final class RolloutCommand implements Callable<Integer> {
    @Option(names = "--hosts", paramLabel = "FILE", required = true, description = "The hosts, in order (see below).")
    Path hosts;

    @Option(names = "--parallel", paramLabel = "N", description = "Hosts at a time (default 4).")
    int parallel = 4;

    @Option(names = "--canary", paramLabel = "N", description = "The first N hosts go first, alone; any failure there stops the rollout.")
    int canaries;

    @Option(names = "--max-failures", paramLabel = "K", description = "Start no new host once more than K hosts failed (default: no limit).")
    Integer maxFailures;

    @Option(names = "--check", description = "Only check each host and say what a rollout would do; change nothing.")
    boolean check;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Where each host's log goes (default: flar-rollout-logs).")
    Path logDir = Path.of("flar-rollout-logs");

    @Option(names = "--ssh", paramLabel = "COMMAND", description = "The ssh command, split on spaces (default: "
            + "'ssh -o BatchMode=yes').")
    String sshCommand = "ssh -o BatchMode=yes";

    @Option(names = "--remote-flar", paramLabel = "COMMAND", description = "flar on the hosts, split on spaces (default: flar).")
    String remoteFlar = "flar";

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "ARCHIVE", arity = "1..*", description = "The archives in order (files).")
    List<Path> archives;

    @Override
    public Integer call() throws IOException {
        for (Path a : archives) {
            if (!Files.isRegularFile(a)) {
                throw new NoSuchFileException(a.toString(), null, "no such archive");
            }
        }
        Ssh ssh = new Ssh(words(sshCommand), words(remoteFlar));
        Rollout rollout = new Rollout(ssh, logDir).parallel(parallel).canaries(canaries).checkOnly(check);
        if (maxFailures != null) {
            rollout.maxFailures(maxFailures);
        }
        boolean talk = !common.quiet && !common.json;
        List<Outcome> outcomes = rollout.run(HostsFile.read(hosts), archives, o -> {
            if (talk) {
                synchronized (this) {
                    common.err().println("flar: " + o.host() + ": " + o.status().name().toLowerCase(java.util.Locale.ROOT)
                            + " " + Show.text(o.detail()));
                }
            }
        });
        if (common.json) {
            Json.print(common.out(), outcomes);
        } else {
            table(outcomes);
        }
        if (outcomes.stream().anyMatch(o -> o.status().failed() || o.status() == Outcome.Status.NOT_STARTED)) {
            return ExitCode.FAILED;
        }
        return outcomes.stream().anyMatch(o -> o.status() == Outcome.Status.DRIFTED) ? ExitCode.DRIFTED : ExitCode.OK;
    }

    private void table(List<Outcome> outcomes) {
        int w = Math.max(4, outcomes.stream().mapToInt(o -> o.host().toString().length()).max().orElse(4));
        common.out().printf("%-" + w + "s  %-11s  %s%n", "HOST", "STATUS", "DETAIL");
        for (Outcome o : outcomes) {
            common.out().printf("%-" + w + "s  %-11s  %s%n", o.host(), o.status().name().toLowerCase(java.util.Locale.ROOT),
                    Show.text(o.detail()));
        }
    }

    private static List<String> words(String command) {
        return Arrays.stream(command.strip().split("\\s+")).toList();
    }
}
