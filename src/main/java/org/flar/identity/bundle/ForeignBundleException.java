package org.flar.identity.bundle;

import java.io.IOException;

/** An intact identity bundle that belongs to another archive or another root: refused, nothing changed. */
public final class ForeignBundleException extends IOException {
    public ForeignBundleException(String message) {
        super(message);
    }
}
