package org.flar.signature;

import org.flar.format.CorruptArchiveException;

/**
 * An archive refused because of its signature: none where a trusted key is required, one by a
 * key not trusted, or one that does not verify. Exit 4, as any archive flar will not deploy.
 */
public final class UntrustedArchiveException extends CorruptArchiveException {
    public UntrustedArchiveException(String message) {
        super(message);
    }
}
