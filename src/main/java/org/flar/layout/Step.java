package org.flar.layout;

import java.io.IOException;
import java.util.List;

/**
 * One step of a recovery, shown in the plan before anything is written and run in order. Most
 * are commands; the deployment and the files written into the restored system are steps too.
 */
public interface Step {
    /** What it does, one line, in the plan and the log. */
    String what();

    /** The commands it runs, shown in the plan (may be empty for a step done by flar itself). */
    List<Command> commands();

    void run() throws IOException;

    static Step of(String what, Command... commands) {
        List<Command> list = List.of(commands);
        return new Step() {
            @Override
            public String what() {
                return what;
            }

            @Override
            public List<Command> commands() {
                return list;
            }

            @Override
            public void run() throws IOException {
                for (Command c : list) {
                    c.run();
                }
            }
        };
    }

    /** A step flar does itself. */
    static Step by(String what, Action action) {
        return new Step() {
            @Override
            public String what() {
                return what;
            }

            @Override
            public List<Command> commands() {
                return List.of();
            }

            @Override
            public void run() throws IOException {
                action.run();
            }
        };
    }

    @FunctionalInterface
    interface Action {
        void run() throws IOException;
    }
}
