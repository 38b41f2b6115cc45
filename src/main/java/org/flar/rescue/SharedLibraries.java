package org.flar.rescue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SequencedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shared libraries a set of dynamically linked programs needs, as {@code ldd} resolves them on this machine. */
final class SharedLibraries {
    // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)"
    private static final Pattern RESOLVED = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x[0-9a-f]+\\)");

    private SharedLibraries() {
    }

    /**
     * Every library (as ldd names it, symlinks included) that {@code elfs} load; static programs add none.
     * {@code libraryPath} is searched first (the Java runtime's own directories, which its libraries
     * find through their RPATH); libraries found there are not returned.
     */
    static SequencedSet<Path> of(Iterable<Path> elfs, List<Path> libraryPath) throws IOException {
        Run.require("ldd", "libc-bin");
        TreeSet<Path> out = new TreeSet<>();
        for (Path elf : elfs) {
            if (!isElf(elf)) {
                continue;
            }
            String text;
            try {
                text = Run.output(null, libraryPath.isEmpty() ? List.of("ldd", elf.toString())
                        : List.of("env", "LD_LIBRARY_PATH=" + libraryPath.stream().map(Path::toString)
                                .collect(java.util.stream.Collectors.joining(":")), "ldd", elf.toString()));
            } catch (IOException e) {
                continue; // "not a dynamic executable": ldd exits 1 for static programs
            }
            for (String line : text.split("\n")) {
                if (line.contains("=> not found")) {
                    throw new IOException(elf + ": needs " + line.strip().split("\\s")[0] + ", which this machine lacks");
                }
                Matcher m = RESOLVED.matcher(line.strip());
                if (m.find() && libraryPath.stream().noneMatch(Path.of(m.group(1))::startsWith)) {
                    out.add(Path.of(m.group(1)));
                }
            }
        }
        return out;
    }

    static boolean isElf(Path p) throws IOException {
        if (!Files.isRegularFile(p) || Files.size(p) < 4) {
            return false;
        }
        try (var in = Files.newInputStream(p)) {
            byte[] magic = in.readNBytes(4);
            return magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        }
    }
}
