package org.flar.capture;

import java.io.IOException;

/** With --strict: a file changed while it was captured, so the archive would not be a consistent image. */
public class FileChangedException extends IOException {
    public FileChangedException(String message) {
        super(message);
    }
}
