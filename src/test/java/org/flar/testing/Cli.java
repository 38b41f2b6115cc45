package org.flar.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.flar.cli.Main;

/**
 * flar's command line run in this JVM ({@link Main#run}), with what it printed on standard
 * output and standard error. Tests run one at a time (no parallel execution is configured),
 * so swapping {@code System.out}/{@code System.err} is safe. Not for {@code create -}: the
 * archive goes to file descriptor 1 directly; use {@link FlarProcess} for pipes.
 */
public record Cli(int code, String out, String err) {

    public static Cli run(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            System.out.flush();
            System.err.flush();
            return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    /** Runs and fails with what flar said unless it exited 0. */
    public static Cli ok(String... args) {
        Cli r = run(args);
        if (r.code != 0) {
            throw new AssertionError("flar " + String.join(" ", args) + " exited " + r.code + ":\n" + r.err + r.out);
        }
        return r;
    }

    /** Standard error's non-blank lines. */
    public List<String> errLines() {
        return err.lines().filter(l -> !l.isBlank()).toList();
    }

    /** For assertion messages. */
    public String describe() {
        return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
