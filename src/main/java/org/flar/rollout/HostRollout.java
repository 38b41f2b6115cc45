package org.flar.rollout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.Version;
import org.flar.rollout.Outcome.Status;

/**
 * The chain onto one host: flar present and of this version's archive format, then archive by
 * archive the host's own check ({@code flar deploy --check -}, sent the archive's text sections
 * only: signature, recorded state, drift, free space) and, unless it is there already, the
 * archive streamed to {@code flar deploy -}. A host at the chain's end state is done; a drifted
 * one is skipped with its drifted files; anything else is a failure with its reason.
 */
final class HostRollout {
    private final Ssh ssh;
    private final List<Path> chain;
    private final boolean checkOnly;

    HostRollout(Ssh ssh, List<Path> chain, boolean checkOnly) {
        this.ssh = ssh;
        this.chain = chain;
        this.checkOnly = checkOnly;
    }

    Outcome run(Host host, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> applied = new ArrayList<>();
        Ssh.Result version = ssh.run(host, List.of("--version"), null, 0, log);
        if (version.exit() == Ssh.SSH_FAILED) {
            return new Outcome(host, Status.FAILED, applied, "unreachable: " + version.lastError(), log.toString());
        }
        if (version.exit() != 0 || !version.out().startsWith("flar ")) {
            return new Outcome(host, Status.FAILED, applied, "no flar on the host (exit " + version.exit() + ": "
                    + version.lastError() + ")", log.toString());
        }
        String remote = version.out().split("\\s+")[1];
        if (!compatible(remote)) {
            return new Outcome(host, Status.FAILED, applied, "flar " + remote + " on the host, this is " + Version.VERSION
                    + ": the same major.minor is needed", log.toString());
        }
        for (Path archive : chain) {
            List<String> root = List.of("-R", host.root());
            Ssh.Result check = ssh.run(host, concat(List.of("deploy", "--check", "--json", "-q"), root, List.of("-")),
                    archive, ArchiveHeader.length(archive), log);
            if (check.exit() == 6) {
                return new Outcome(host, Status.DRIFTED, applied, check.lastError(), log.toString());
            }
            if (check.exit() != 0) {
                return failed(host, applied, "check of " + archive.getFileName(), check, log);
            }
            if (check.out().contains("\"done\"")) {
                continue;
            }
            if (checkOnly) {
                return new Outcome(host, Status.READY, applied, "would apply " + archive.getFileName()
                        + (chain.indexOf(archive) < chain.size() - 1 ? " (the rest is checked once it is applied)" : ""),
                        log.toString());
            }
            Ssh.Result deploy = ssh.run(host, concat(List.of("deploy", "-q", "--json"), root, List.of("-")),
                    archive, Files.size(archive), log);
            if (deploy.exit() != 0) {
                return failed(host, applied, "deploy of " + archive.getFileName(), deploy, log);
            }
            applied.add(archive.getFileName().toString());
        }
        return new Outcome(host, applied.isEmpty() ? Status.DONE : Status.UPDATED, applied,
                applied.isEmpty() ? "already at the chain's end state" : "applied " + String.join(", ", applied),
                log.toString());
    }

    private static Outcome failed(Host host, List<String> applied, String step, Ssh.Result r, Path log) {
        String why = r.exit() == Ssh.SSH_FAILED
                ? "connection lost during the " + step + ": the host's deploy either completed or stopped with every "
                        + "file whole (temporary names are removed by the next deploy); a re-run checks which"
                : step + " failed (exit " + r.exit() + "): " + r.lastError();
        return new Outcome(host, Status.FAILED, applied, why, log.toString());
    }

    /** Archives flar writes are read by any flar of the same major.minor. */
    static boolean compatible(String remote) {
        String[] a = remote.split("\\.");
        String[] b = Version.VERSION.split("\\.");
        return a.length >= 2 && a[0].equals(b[0]) && a[1].equals(b[1]);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }
}
