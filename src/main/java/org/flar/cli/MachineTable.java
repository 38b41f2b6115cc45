package org.flar.cli;

import java.util.List;
import org.flar.format.Show;
import org.flar.serve.Machines;

/**
 * flar serve's live table of machines: one line each, state, step and how far. Drawn again on a
 * terminal when something changed; piped, each change is one log line instead.
 */
final class MachineTable {
    private MachineTable() {
    }

    static String render(List<Machines.Row> rows) {
        StringBuilder b = new StringBuilder(String.format("%-34s %-10s %5s  %s%n", "MACHINE", "STATE", "DONE", "STEP / MESSAGE"));
        for (Machines.Row r : rows) {
            b.append(String.format("%-34s %-10s %5s  %s%n", clip(r.name(), 34), r.state().toString().toLowerCase(java.util.Locale.ROOT),
                    r.percent() < 0 ? "" : r.percent() + "%", clip(detail(r), 100)));
        }
        return b.toString();
    }

    /** One change as a log line. */
    static String line(Machines.Row r) {
        return r.name() + ": " + r.state().toString().toLowerCase(java.util.Locale.ROOT)
                + (r.percent() >= 0 ? " " + r.percent() + "%" : "") + ": " + Show.text(detail(r));
    }

    private static String detail(Machines.Row r) {
        if (r.state() == Machines.State.INSTALLING && r.step() != null) {
            return r.step() + (r.message() == null ? "" : " (" + r.message() + ")");
        }
        return r.message() == null ? "" : r.message();
    }

    private static String clip(String s, int width) {
        String t = Show.text(s == null ? "" : s);
        return t.length() <= width ? t : t.substring(0, width - 3) + "...";
    }
}
