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

    @Option(names = "--progress", paramLabel = "MODE", description = "auto (default): a progress line when standard "
            + "error is a terminal; json: one JSON object a line on standard error (event, phase, entries, bytes, "
            + "totalBytes, percent, bytesPerSecond, secondsLeft, elapsedSeconds; warnings as event warning), for "
            + "tools and dashboards; none.")
    String progressMode = "auto";

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
        TerminalProgress.Mode mode = switch (progressMode) {
            case "auto" -> quiet || json ? TerminalProgress.Mode.NONE : TerminalProgress.Mode.AUTO;
            case "json" -> TerminalProgress.Mode.JSON;
            case "none" -> TerminalProgress.Mode.NONE;
            default -> throw new IllegalArgumentException("--progress: '" + progressMode + "': auto, json or none");
        };
        return new TerminalProgress(err(), verbose, mode);
    }
}
