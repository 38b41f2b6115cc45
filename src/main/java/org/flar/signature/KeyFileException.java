package org.flar.signature;

/** A key file that is not what it should be (a secret key given as public, an encrypted key, garbage): a usage error. */
public final class KeyFileException extends IllegalArgumentException {
    public KeyFileException(String message) {
        super(message);
    }
}
