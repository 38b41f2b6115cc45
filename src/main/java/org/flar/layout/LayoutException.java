package org.flar.layout;

import java.io.IOException;

/**
 * A layout that cannot be recreated: the section is wrong, a disk is missing, too small or
 * ambiguous, a key is missing. Thrown before the first write unless the message says what was done.
 */
public class LayoutException extends IOException {
    public LayoutException(String message) {
        super(message);
    }
}
