package org.flar.rollout;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * flar on another host, through the system's {@code ssh}: the user's ssh config, agent,
 * known_hosts, jump hosts and ControlMaster work as they do for them, which a Java SSH library
 * would have to re-implement (and keep in step with OpenSSH) to match. BatchMode: a host that
 * wants a password fails instead of prompting in the middle of a parallel rollout.
 *
 * @param ssh  the ssh command and its options ({@code ssh -o BatchMode=yes})
 * @param flar flar's command on the remote hosts, as words ({@code flar})
 */
public record Ssh(List<String> ssh, List<String> flar) {
    /** ssh's own failure (unreachable, authentication, connection lost), as opposed to the remote command's. */
    public static final int SSH_FAILED = 255;

    /** What the remote flar said: its exit status (or {@link #SSH_FAILED}), standard output, the last line of standard error. */
    public record Result(int exit, String out, String lastError) {
    }

    /**
     * Runs {@code flar ARGS} on {@code host}, its standard input the first {@code inputBytes} of
     * {@code input} (or nothing), its standard error appended to {@code log}.
     */
    public Result run(Host host, List<String> args, Path input, long inputBytes, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(ssh);
        cmd.add(host.destination());
        cmd.add("--");
        StringBuilder remote = new StringBuilder();
        for (String w : flar) {
            remote.append(quote(w)).append(' ');
        }
        for (String a : args) {
            remote.append(quote(a)).append(' ');
        }
        cmd.add(remote.toString().strip());
        Files.writeString(log, Instant.now() + " $ " + String.join(" ", cmd) + "\n", UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Thread feeder = Thread.ofVirtual().start(() -> feed(p.getOutputStream(), input, inputBytes));
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        int exit;
        try {
            exit = p.waitFor();
            feeder.join();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(host + ": interrupted", e);
        }
        Files.writeString(log, out + Instant.now() + " exit " + exit + "\n", UTF_8, StandardOpenOption.APPEND);
        return new Result(exit, out, lastLine(log));
    }

    private static void feed(OutputStream to, Path input, long bytes) {
        try (to) {
            if (input == null) {
                return;
            }
            try (InputStream in = Files.newInputStream(input)) {
                byte[] buf = new byte[1 << 16];
                long left = bytes;
                for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; left -= n) {
                    to.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // The remote side stopped reading (it refused the archive, or the connection dropped): its exit says which.
        }
    }

    /** The last line the remote side printed on standard error before the exit line: its reason. */
    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, UTF_8);
        for (int i = lines.size() - 2; i >= 0; i--) {
            String l = lines.get(i);
            if (!l.isBlank() && !l.contains(" $ ") && !l.startsWith("{")) {
                return l.strip();
            }
        }
        return "";
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
