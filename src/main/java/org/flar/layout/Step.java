package org.flar.layout;

import java.io.IOException;
import java.util.List;

/**
 * One step of a recovery, shown in the plan before anything is written and run in order. Most
 * are commands; the deployment and the files written into the restored system are steps flar
 * does itself (no commands to show).
 */
public record Step(String what, List<Command> commands, Action action) {
    public Step {
        commands = List.copyOf(commands);
    }

    /** A step that runs {@code commands}, one after the other. */
    public static Step of(String what, Command... commands) {
        List<Command> list = List.of(commands);
        return new Step(what, list, () -> {
            for (Command c : list) {
                c.run();
            }
        });
    }

    /** A step flar does itself. */
    public static Step by(String what, Action action) {
        return new Step(what, List.of(), action);
    }

    public void run() throws IOException {
        action.run();
    }

    @FunctionalInterface
    public interface Action {
        void run() throws IOException;
    }
}
