package org.flar.signature;

import java.io.IOException;

/**
 * Where the password of a protected secret key comes from, asked only when the key is
 * protected. Never from the command line, where process listings show it.
 */
@FunctionalInterface
public interface KeyPassword {
    /** No password can be had: a protected key is refused with how to give one. */
    KeyPassword NONE = key -> null;

    /** @return the password for {@code key} (a file name, for the prompt), or null when none can be had */
    char[] forKey(String key) throws IOException;
}
