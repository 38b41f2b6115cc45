package org.flar.deploy;

import org.flar.format.UnsafeArchiveException;

/** An entry that would land outside the target root, or write through a symlink. Archives are untrusted. */
public class UnsafeEntryException extends UnsafeArchiveException {
    public UnsafeEntryException(String message) {
        super(message);
    }
}
