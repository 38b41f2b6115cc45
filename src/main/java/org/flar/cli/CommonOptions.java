package org.flar.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every command has. */
final class CommonOptions {
    @Option(names = {"-v", "--verbose"}, description = "Say more: what was left out, and why.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "No progress line.")
    boolean quiet;

    @Option(names = "--json", description = "Print the result as JSON on standard output, for scripts.")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Standard output as picocli gives it (tests give their own writer). */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error: messages, notes and the progress line. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    TerminalProgress progress() {
        return new TerminalProgress(err(), verbose, quiet || json);
    }
}
