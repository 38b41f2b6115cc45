package org.flar.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.flar.cli.Main;

/**
 * flar's command line run in this JVM ({@link Main#run(PrintWriter, PrintWriter, String...)}),
 * with what it printed on standard output and standard error, caught by writers of its own (no
 * global stream is swapped). Not for {@code create -}: the archive goes to file descriptor 1
 * directly; use {@link FlarProcess} for pipes.
 */
public record Cli(int code, String out, String err) {

    public static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(code, out.toString(), err.toString());
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
