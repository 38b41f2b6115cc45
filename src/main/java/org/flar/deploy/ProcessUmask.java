package org.flar.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's umask, read from /proc (umask(2) cannot read it without changing it). */
final class ProcessUmask {
    private ProcessUmask() {
    }

    /** The umask, or 0777 when it cannot be read: then every created object is chmod'ed. */
    static int get() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring(6).strip(), 8);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return 0777;
    }
}
