package org.flar.identity.profile;

import java.io.IOException;

/** A profile file that cannot be read as one: where (file:line:column) and what. Nothing was changed. */
public final class ProfileSyntaxException extends IOException {
    private final String file;
    private final int line;
    private final int column;

    public ProfileSyntaxException(String file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
