package org.flar.scripts;

import java.io.IOException;

/** A deployment script failed, hung past its limit or could not be run: the deployment stopped there. */
public final class ScriptFailedException extends IOException {
    public ScriptFailedException(String message) {
        super(message);
    }

    public ScriptFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
