package org.flar.cli;

import java.io.PrintWriter;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import org.flar.Version;
import org.flar.format.Show;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The flar command: a thin layer over the library; each subcommand is its own class. */
@Command(name = "flar", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = {
            "Flash archives for Linux: capture a configured system, deploy it as clones, check and inspect archives.",
            "",
            "An archive is one file: a cookie line, text sections (identification keywords, a manifest of every "
                    + "entry with its metadata and SHA-256, user sections) and the payload (pax or cpio, zstd by "
                    + "default). See docs/format.md."},
        subcommands = {CreateCommand.class, DeployCommand.class, CompareCommand.class, InfoCommand.class, VerifyCommand.class,
            SplitCommand.class, CombineCommand.class, MediaCommand.class, RescueCommand.class, UnconfigCommand.class,
            ReconfigCommand.class, SysidcfgCommand.class, RecoverCommand.class, DrillCommand.class, ServeCommand.class,
            InstallCommand.class,
            KeygenCommand.class, SignCommand.class, RolloutCommand.class, ScheduleCommand.class,
            DemoCommand.class, CommandLine.HelpCommand.class},
        footer = ExitCode.HELP)
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs flar as the command line would, returning the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #run(String...)}, printing to {@code out} and {@code err} (tests give their own). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(args).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("flar: " + Show.text(message(e)));
            if (System.getenv("FLAR_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            int code = ExitCode.of(e);
            if (code == ExitCode.USAGE && !(e instanceof IOException)) { // a bad file's line says it all
                cmd.getErr().println(hint(cmd));
            }
            return code;
        });
        cli.setParameterExceptionHandler((e, args2) -> {
            e.getCommandLine().getErr().println("flar: " + Show.text(e.getMessage()));
            e.getCommandLine().getErr().println(hint(e.getCommandLine()));
            return ExitCode.USAGE;
        });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The command line for {@code args}. picocli builds the model of every subcommand it is given,
     * by reflection over each command's options and mixins, which cost ~0.2 s of every run: an
     * eighth of a differential of an unchanged tree (bench/diff). A run that names a subcommand
     * gets only that one, under a {@code flar} of the same options; help, version and mistakes get
     * them all, for the listing and the suggestions. The annotation on this class stays complete:
     * the man pages and the shell completion are generated from it.
     */
    static CommandLine commandLine(String... args) {
        Class<?> named = args.length == 0 ? null : subcommand(args[0]);
        return named == null ? new CommandLine(new Main()) : new CommandLine(new OneCommand()).addSubcommand(named);
    }

    /** The class of the subcommand named {@code name}, or null (none, or help, which lists the others). */
    static Class<?> subcommand(String name) {
        for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
            Command command = c.getAnnotation(Command.class);
            if (command != null && !c.equals(CommandLine.HelpCommand.class)
                    && (command.name().equals(name) || java.util.Arrays.asList(command.aliases()).contains(name))) {
                return c;
            }
        }
        return null;
    }

    /** flar with its own options but no subcommands: {@link #commandLine} adds the one named. */
    @Command(name = "flar", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
            footer = ExitCode.HELP)
    static final class OneCommand {
    }

    /** "Try 'flar create --help'." ("flar --help" for flar itself). */
    private static String hint(CommandLine cmd) {
        return "Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.";
    }

    /**
     * One line a user can act on: the file and the problem, never a stack trace. Printed through
     * {@link Show#text}: messages quote archive names, entries and keywords, which are untrusted.
     */
    static String message(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": " + (n.getReason() != null ? n.getReason() : "no such file or directory");
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : "already exists");
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        if (!(e instanceof IOException) && !(e instanceof IllegalArgumentException) && e.getCause() != null
                && e.getCause() != e) {
            return message(e.getCause());
        }
        return m.replace('\n', ' ');
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"flar " + Version.VERSION + " (commit " + Version.commit() + ")",
                "runtime: Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                        + System.getProperty("java.home") + ")"};
        }
    }
}
