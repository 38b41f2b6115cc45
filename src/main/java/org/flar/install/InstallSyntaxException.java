package org.flar.install;

/** A rules file, profile, host table or template that is wrong where it says: file:line:column. */
public final class InstallSyntaxException extends IllegalArgumentException {
    public InstallSyntaxException(String file, int line, int column, String message) {
        super(file + ":" + line + ":" + column + ": " + message);
    }
}
