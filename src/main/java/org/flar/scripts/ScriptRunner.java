package org.flar.scripts;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flar.progress.Progress;

/**
 * Runs one script as a child process: standard input from /dev/null (a deployment may be
 * reading its archive from standard input), output line by line to {@link Progress#output},
 * a clean environment of PATH, LANG and the FLAR_ variables, and a time limit after which the
 * script and everything it started are killed. A failure of any kind is a
 * {@link ScriptFailedException} naming the script and its exit status.
 */
public final class ScriptRunner {
    /** A script that has not finished after ten minutes is taken as hung; Solaris had no limit at all. */
    public static final Duration DEFAULT_LIMIT = Duration.ofMinutes(10);
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final Duration limit;
    private final Progress progress;

    public ScriptRunner(Duration limit, Progress progress) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("a script time limit must be positive, not " + limit);
        }
        this.limit = limit;
        this.progress = progress;
    }

    public Duration limit() {
        return limit;
    }

    /**
     * @param label   how messages name the script ("predeployment script 10-stop (web01.flar)")
     * @param command the program and its arguments (the script itself, or chroot and the script)
     */
    public void run(String label, List<String> command, Map<String, String> environment) throws ScriptFailedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", PATH);
        env.put("LANG", "C.UTF-8");
        env.put("HOME", "/root");
        env.putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ScriptFailedException(label + " could not be run: " + e.getMessage()
                    + " (not executable, or no #! line?); the deployment stopped there", e);
        }
        Thread reader = Thread.ofVirtual().start(() -> copyOutput(p, label));
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new ScriptFailedException(label + " ran past its time limit of " + describe(limit)
                        + " and was killed; the deployment stopped there");
            }
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new ScriptFailedException(label + " interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new ScriptFailedException(label + " failed with exit status " + p.exitValue()
                    + (p.exitValue() == 126 ? " (not executable, or no #! line?)" : "") + "; the deployment stopped there");
        }
    }

    private void copyOutput(Process p, String label) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                progress.output(label, line);
            }
        } catch (IOException e) {
            // The process was killed, or closed its output: what it printed so far was passed on.
        }
    }

    /** Children first, so none is left to its own devices when the script is gone. */
    private static void kill(Process p) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** "10m", "90s": as {@link #parseLimit} reads it. */
    public static String describe(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** A limit as the command line gives it: a number of seconds, or with s, m or h. */
    public static Duration parseLimit(String text) {
        if (!text.matches("[1-9][0-9]{0,6}[smh]?")) {
            throw new IllegalArgumentException("time limit '" + text + "': a number with s, m or h (90s, 10m, 1h)");
        }
        char unit = text.charAt(text.length() - 1);
        long n = Long.parseLong(Character.isDigit(unit) ? text : text.substring(0, text.length() - 1));
        return switch (unit) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
