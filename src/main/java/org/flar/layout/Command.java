package org.flar.layout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One run of a storage tool (sfdisk, mdadm, lvm, cryptsetup, mkfs, grub-install ...): its
 * arguments, what it reads on standard input, and its output kept for the message when it fails.
 *
 * @param input bytes for standard input, or null; secret input (a LUKS key) is never shown
 */
public record Command(List<String> argv, byte[] input, boolean secretInput, Map<String, String> env) {
    public Command {
        argv = List.copyOf(argv);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), null, false, null);
    }

    public static Command of(List<String> argv) {
        return new Command(argv, null, false, null);
    }

    public Command withInput(String text) {
        return new Command(argv, text.getBytes(StandardCharsets.UTF_8), false, env);
    }

    public Command withSecret(byte[] secret) {
        return new Command(argv, secret, true, env);
    }

    /** The command line as a person would type it (arguments with spaces quoted). */
    public String shown() {
        StringBuilder b = new StringBuilder();
        for (String a : argv) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(a.isEmpty() || a.matches(".*[\\s'\"$`\\\\;&|<>*?()].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        if (input != null && !secretInput) {
            b.append(" <<EOF\n").append(new String(input, StandardCharsets.UTF_8)).append("EOF");
        } else if (input != null) {
            b.append(" < (key)");
        }
        return b.toString();
    }

    /** Runs it where failing only means there was nothing to do (stop an array that is not there): whether it succeeded. */
    public boolean runQuietly() {
        try {
            run();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs it; the output on failure names the tool and its last lines. */
    public String run() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (input != null) {
                in.write(input);
            }
        } catch (IOException e) {
            // the tool exited without reading its input: its status says why
        }
        String out;
        try (InputStream o = p.getInputStream()) {
            out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
        }
        int status;
        try {
            status = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(argv.getFirst() + ": interrupted");
        }
        if (status != 0) {
            List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
            String last = lines.isEmpty() ? "" : ": " + String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            throw new IOException(argv.getFirst() + " exited with status " + status + last);
        }
        return out;
    }
}
