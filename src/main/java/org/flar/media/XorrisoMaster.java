package org.flar.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Masters a plain data volume with xorriso: ISO 9660 with Rock Ridge and Joliet, so any
 * operating system reads it. flar writes names that are valid ISO 9660 level 1 names already
 * (upper case, 8.3), so a reader without Rock Ridge sees the same names.
 */
public final class XorrisoMaster implements IsoMaster {

    @Override
    public long reservedBytes() {
        return 0;
    }

    @Override
    public void master(Path contentDir, String volumeLabel, Path isoFile) throws IOException {
        run(List.of("-report_about", "SORRY", "-abort_on", "FAILURE", "-outdev", isoFile.toString(),
                "-volid", volumeLabel, "-application_id", "FLAR", "-joliet", "on",
                "-map", contentDir.toString(), "/", "-commit"), isoFile);
    }

    /** Runs xorriso with {@code args}; a missing xorriso or a failure is one line naming {@code what}. */
    public static void run(List<String> args, Path what) throws IOException {
        String exe = find();
        List<String> cmd = new ArrayList<>();
        cmd.add(exe);
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                String last = out.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("").strip();
                throw new IOException(what + ": xorriso failed (exit " + p.exitValue() + "): " + last);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + ": interrupted while xorriso ran", e);
        }
    }

    /** xorriso on PATH; checked before anything is written, so a missing tool costs nothing. */
    public static String find() throws IOException {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, "xorriso");
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        throw new IOException("xorriso not found on PATH: flar masters ISO volumes with it "
                + "(Debian/Ubuntu: apt-get install xorriso; Fedora: dnf install xorriso)");
    }
}
