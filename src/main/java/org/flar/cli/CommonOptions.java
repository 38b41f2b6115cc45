package org.flar.cli;

import picocli.CommandLine.Option;

/** Options every command has. */
final class CommonOptions {
    @Option(names = {"-v", "--verbose"}, description = "Say more: what was left out, and why.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "No progress line.")
    boolean quiet;

    @Option(names = "--json", description = "Print the result as JSON on standard output, for scripts.")
    boolean json;

    TerminalProgress progress() {
        return new TerminalProgress(System.err, verbose, quiet || json);
    }
}
