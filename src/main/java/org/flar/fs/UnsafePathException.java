package org.flar.fs;

import java.io.IOException;

/**
 * A path that cannot be used without leaving the root it belongs to: a symlink or a file where
 * a directory must be, or a name with "..". Nothing was done through it.
 */
public class UnsafePathException extends IOException {
    public UnsafePathException(String message) {
        super(message);
    }
}
