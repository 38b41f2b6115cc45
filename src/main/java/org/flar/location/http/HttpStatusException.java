package org.flar.location.http;

import java.io.IOException;

/** A server's answer that is not the bytes asked for; 5xx, 408 and 429 may pass when tried again. */
public final class HttpStatusException extends IOException {
    private final int status;

    HttpStatusException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    boolean isTransient() {
        return status >= 500 || status == 408 || status == 429;
    }
}
