package org.flar.install;

import java.io.IOException;

/**
 * A rules file, profile, host table or template that is wrong where it says (file:line:column),
 * or a site whose files contradict each other (two rules for one host). Exit 2, like a bad
 * sysidcfg: the line says it all.
 */
public final class InstallSyntaxException extends IOException {
    public InstallSyntaxException(String file, int line, int column, String message) {
        super(file + ":" + line + ":" + column + ": " + message);
    }

    public InstallSyntaxException(String message) {
        super(message);
    }
}
