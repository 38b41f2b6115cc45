package org.flar.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * flar as a separate process on the test's own classpath: for pipes and for running as another
 * user. Not ./flar, which would rebuild the jar under Maven's feet.
 */
public final class FlarProcess {
    private FlarProcess() {
    }

    public static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.flar.cli.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The command as one shell word list, for pipelines in bash -c. */
    public static String shell(String... args) {
        StringBuilder b = new StringBuilder();
        for (String word : command(args)) {
            b.append('\'').append(word.replace("'", "'\\''")).append("' ");
        }
        return b.toString().strip();
    }
}
