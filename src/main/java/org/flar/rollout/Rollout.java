package org.flar.rollout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.flar.rollout.Outcome.Status;

/**
 * A chain of archives rolled out to running hosts: the first {@code canaries} hosts first, and
 * the rest only if none of them failed; at most {@code parallel} hosts at a time; no new host
 * started once more than {@code maxFailures} failed. A drifted host is skipped, not a failure:
 * it needs a person, the others go on. Outcomes are in hosts-file order.
 */
public final class Rollout {
    private final Ssh ssh;
    private final Path logDir;
    private int parallel = 4;
    private int canaries;
    private int maxFailures = Integer.MAX_VALUE;
    private boolean checkOnly;

    public Rollout(Ssh ssh, Path logDir) {
        this.ssh = ssh;
        this.logDir = logDir;
    }

    public Rollout parallel(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1");
        }
        this.parallel = n;
        return this;
    }

    public Rollout canaries(int n) {
        this.canaries = Math.max(0, n);
        return this;
    }

    /** Stop starting hosts once more than {@code k} failed. */
    public Rollout maxFailures(int k) {
        this.maxFailures = Math.max(0, k);
        return this;
    }

    /** Only report, per host, what a rollout would do. */
    public Rollout checkOnly(boolean check) {
        this.checkOnly = check;
        return this;
    }

    /** @param finished told of each host as it finishes (the terminal's progress) */
    public List<Outcome> run(List<Host> hosts, List<Path> chain, Consumer<Outcome> finished) throws IOException {
        HostRollout one = new HostRollout(ssh, chain, checkOnly);
        int first = Math.min(canaries, hosts.size());
        List<Outcome> outcomes = new ArrayList<>(wave(one, hosts.subList(0, first), new AtomicInteger(), finished));
        boolean canaryFailed = outcomes.stream().anyMatch(o -> o.status().failed());
        if (canaryFailed) {
            for (Host h : hosts.subList(first, hosts.size())) {
                outcomes.add(new Outcome(h, Status.NOT_STARTED, List.of(), "a canary failed", ""));
            }
            return outcomes;
        }
        outcomes.addAll(wave(one, hosts.subList(first, hosts.size()), new AtomicInteger(), finished));
        return outcomes;
    }

    private List<Outcome> wave(HostRollout one, List<Host> hosts, AtomicInteger failures, Consumer<Outcome> finished)
            throws IOException {
        List<Future<Outcome>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            for (Host h : hosts) {
                futures.add(pool.submit(() -> {
                    Outcome o;
                    if (failures.get() > maxFailures) {
                        o = new Outcome(h, Status.NOT_STARTED, List.of(), "more than " + maxFailures + " host(s) failed", "");
                    } else {
                        try {
                            o = one.run(h, logDir.resolve(logName(h)));
                        } catch (IOException | RuntimeException e) {
                            o = new Outcome(h, Status.FAILED, List.of(), String.valueOf(e.getMessage()),
                                    logDir.resolve(logName(h)).toString());
                        }
                        if (o.status().failed()) {
                            failures.incrementAndGet();
                        }
                    }
                    finished.accept(o);
                    return o;
                }));
            }
        }
        List<Outcome> out = new ArrayList<>();
        for (Future<Outcome> f : futures) {
            try {
                out.add(f.get());
            } catch (Exception e) {
                throw new UncheckedIOException(new IOException("rollout worker failed", e));
            }
        }
        return out;
    }

    private static String logName(Host h) {
        return h.toString().replaceAll("[^A-Za-z0-9_.@-]", "_") + ".log";
    }
}
