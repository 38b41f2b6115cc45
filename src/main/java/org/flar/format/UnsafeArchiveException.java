package org.flar.format;

/**
 * An archive whose entries would write outside the target or through a link if followed: a
 * root that is not a directory, an entry below a symlink of the same archive, a hardlink to
 * something not a regular file of it. Refused before the first write. Archives are untrusted.
 */
public class UnsafeArchiveException extends CorruptArchiveException {
    public UnsafeArchiveException(String message) {
        super(message);
    }
}
