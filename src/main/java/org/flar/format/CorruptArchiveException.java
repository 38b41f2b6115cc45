package org.flar.format;

import java.io.IOException;

/** The archive is malformed, truncated, or fails a checksum. The message names where. */
public class CorruptArchiveException extends IOException {
    public CorruptArchiveException(String message) {
        super(message);
    }

    public CorruptArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
