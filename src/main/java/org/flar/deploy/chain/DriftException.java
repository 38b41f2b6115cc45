package org.flar.deploy.chain;

import java.io.IOException;

/** A differential refused because the target is not in its base state: nothing was changed. */
public final class DriftException extends IOException {
    public DriftException(String message) {
        super(message);
    }
}
