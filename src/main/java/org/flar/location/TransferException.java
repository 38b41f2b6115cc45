package org.flar.location;

import java.io.IOException;

/** A remote read given up after its retries: says how far it got. */
public final class TransferException extends IOException {
    public TransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
