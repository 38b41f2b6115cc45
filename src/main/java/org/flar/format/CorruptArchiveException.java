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

    /**
     * {@code e} with the archive's name in front, as every message a user sees must have it;
     * {@code e} itself when it already has it. The codecs below the container do not know the name.
     *
     * @param where what to add after the name, e.g. "payload: ", or ""
     */
    public static CorruptArchiveException naming(String archive, String where, CorruptArchiveException e) {
        if (e.getMessage() != null && e.getMessage().startsWith(archive + ": ")) {
            return e;
        }
        return new CorruptArchiveException(archive + ": " + where + e.getMessage(), e);
    }
}
