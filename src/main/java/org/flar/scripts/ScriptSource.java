package org.flar.scripts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flar.format.ScriptSection;
import org.flar.format.ScriptSection.Script;
import org.flar.progress.Progress;

/**
 * Where a capture's scripts come from: the master's {@code /etc/flash/PHASE/} directories
 * (as Solaris kept them) and {@code --script PHASE=FILE}. A script must be a regular,
 * executable file (run-parts would skip any other silently; a capture says so and stops); a
 * name run-parts would skip ({@code foo~}, {@code .keep}) is left out with a warning.
 */
public final class ScriptSource {
    private final Map<Phase, List<Script>> scripts = new EnumMap<>(Phase.class);

    private ScriptSource() {
        for (Phase p : Phase.values()) {
            scripts.put(p, new ArrayList<>());
        }
    }

    /**
     * @param root  the captured root, whose etc/flash/ is read (null: none)
     * @param given {@code PHASE=FILE} as the command line gives them
     */
    public static ScriptSource of(Path root, List<String> given, Progress progress) throws IOException {
        ScriptSource s = new ScriptSource();
        if (root != null) {
            for (Phase p : List.of(Phase.PRECREATION, Phase.PREDEPLOYMENT, Phase.POSTDEPLOYMENT, Phase.REBOOT)) {
                Path dir = root.resolve("etc/flash").resolve(p.dir());
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        for (Path f : files.sorted().toList()) {
                            String name = f.getFileName().toString();
                            try {
                                ScriptSection.checkName(name);
                            } catch (IllegalArgumentException e) {
                                progress.warning(f + ": left out of the " + p + " scripts (" + e.getMessage() + ")");
                                continue;
                            }
                            s.add(p, f);
                        }
                    }
                }
            }
        }
        for (String g : given) {
            int eq = g.indexOf('=');
            if (eq <= 0 || eq == g.length() - 1) {
                throw new IllegalArgumentException("--script '" + g + "': PHASE=FILE, PHASE one of precreation, "
                        + "predeployment, postdeployment, reboot");
            }
            Path f = Path.of(g.substring(eq + 1));
            ScriptSection.checkName(f.getFileName().toString());
            s.add(Phase.named(g.substring(0, eq)), f);
        }
        return s;
    }

    private void add(Phase phase, Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(file + ": " + phase + " script is not a regular file");
        }
        if (!Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE)) {
            throw new IllegalArgumentException(file + ": " + phase + " script is not executable (chmod +x it, or remove it)");
        }
        if (Files.size(file) > ScriptSection.MAX_SCRIPT) {
            throw new IllegalArgumentException(file + ": " + phase + " script is larger than the "
                    + ScriptSection.MAX_SCRIPT + " bytes a script section holds");
        }
        String name = file.getFileName().toString();
        if (scripts.get(phase).stream().anyMatch(x -> x.name().equals(name))) {
            throw new IllegalArgumentException(file + ": a " + phase + " script named " + name + " is given twice");
        }
        scripts.get(phase).add(new Script(name, Files.readAllBytes(file)));
    }

    /** In name order, the order they run. */
    public List<Script> scripts(Phase phase) {
        return scripts.get(phase).stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    /** The sections to store: section name to content, only for phases that have scripts. */
    public Map<String, byte[]> sections() {
        Map<String, byte[]> sections = new java.util.LinkedHashMap<>();
        for (Phase p : Phase.values()) {
            if (p.section() != null && !scripts.get(p).isEmpty()) {
                sections.put(p.section(), ScriptSection.encode(scripts.get(p)));
            }
        }
        return sections;
    }

    /** Runs the precreation scripts on the master, not chrooted (it is the running system, or a root flar reads). */
    public void runPrecreation(ScriptRunner runner, ScriptEnvironment env) throws IOException {
        List<Script> pre = scripts(Phase.PRECREATION);
        if (pre.isEmpty()) {
            return;
        }
        Path dir = Files.createTempDirectory("flar-scripts-");
        try {
            for (Script s : pre) {
                Path f = dir.resolve(s.name());
                Files.write(f, s.content());
                f.toFile().setExecutable(true, true);
                runner.run(Phase.PRECREATION + " script " + s.name(), List.of(f.toString()),
                        env.variables(Phase.PRECREATION, s.name(), env.target()));
            }
        } finally {
            try (Stream<Path> left = Files.list(dir)) {
                for (Path f : left.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }
}
