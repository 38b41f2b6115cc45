package org.flar.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.flar.format.Show;
import org.flar.install.Report;

/**
 * The install server's book of machines: each one's state (waiting and why, installing at which
 * step and how far, done, failed and why) kept in {@code DIR/MAC.json}, so a restarted server
 * still knows which machines are done, and its log in {@code DIR/MAC.log}. A done machine is
 * booted from its disk next time it asks; removing its {@code .json} installs it again.
 */
public final class Machines {
    public enum State { WAITING, INSTALLING, DONE, FAILED }

    /** One machine's line of the table; {@code since}: when it entered this state and step (ISO-8601). */
    public record Row(String mac, String name, State state, String step, int percent, String message, String since) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Map<String, Row> rows = new ConcurrentHashMap<>();
    private final Consumer<Row> changed;

    /** @param changed told of each change (the live table, the server's log) */
    public Machines(Path dir, Consumer<Row> changed) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.changed = changed;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                try {
                    Row r = JSON.readValue(f.toFile(), Row.class);
                    rows.put(r.mac(), r);
                } catch (IOException e) {
                    throw new IOException(f + ": not a machine's state (" + e.getMessage() + "); remove it", e);
                }
            }
        }
    }

    public boolean isDone(String mac) {
        Row r = rows.get(mac);
        return r != null && r.state() == State.DONE;
    }

    /** A machine asked and must wait: {@code reason} is what its console says too. */
    public void waiting(String mac, String name, String reason) {
        Row before = rows.get(mac);
        if (before != null && before.state() == State.WAITING && reason.equals(before.message())) {
            return; // it asks again every few seconds: one line in its log, not one a poll
        }
        put(new Row(mac, name, State.WAITING, null, -1, reason, Instant.now().toString()), "waiting: " + reason);
    }

    /** A machine got its assignment. */
    public void assigned(String mac, String name, String what) {
        put(new Row(mac, name, State.INSTALLING, "assigned", 0, what, Instant.now().toString()), "assigned: " + what);
    }

    public void report(Report r) {
        Row before = rows.get(r.mac());
        String name = before == null ? r.mac() : before.name();
        State state = switch (r.state()) {
            case INSTALLING -> State.INSTALLING;
            case DONE -> State.DONE;
            case FAILED -> State.FAILED;
        };
        String step = r.step() != null ? r.step() : before == null ? null : before.step();
        boolean sameStep = before != null && before.state() == state && java.util.Objects.equals(before.step(), step);
        Row row = new Row(r.mac(), name, state, step, r.percent(), r.message(), sameStep ? before.since() : Instant.now().toString());
        String line = state.toString().toLowerCase(java.util.Locale.ROOT) + (step == null ? "" : ": " + step)
                + (r.percent() >= 0 ? " " + r.percent() + "%" : "") + (r.message() == null ? "" : ": " + r.message());
        // progress reports only move the percentage: the log keeps steps and messages
        put(row, sameStep && r.message() == null ? null : line);
    }

    /** The table, by name. */
    public List<Row> rows() {
        List<Row> all = new ArrayList<>(rows.values());
        all.sort(Comparator.comparing(Row::name).thenComparing(Row::mac));
        return all;
    }

    public Path log(String mac) {
        return file(mac, ".log");
    }

    /** The machine's state; removing it installs the machine again. */
    public Path stateFile(String mac) {
        return file(mac, ".json");
    }

    private Path file(String mac, String suffix) {
        return dir.resolve(mac.replace(':', '-') + suffix);
    }

    private synchronized void put(Row row, String logLine) {
        rows.put(row.mac(), row);
        try {
            Path file = stateFile(row.mac());
            Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), row);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (logLine != null) {
                // what a machine sent is shown escaped: a report is no way to drive the operator's terminal
                Files.writeString(log(row.mac()), Instant.now() + " " + Show.text(logLine) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot keep the state of " + row.mac() + ": " + e.getMessage(), e);
        }
        changed.accept(row);
    }
}
