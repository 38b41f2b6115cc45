package org.flar.identity.sysidcfg;

import java.io.IOException;

/**
 * A sysidcfg file that cannot be used: a syntax error, an unknown or repeated keyword, a malformed
 * value, or a value the target cannot honour (a time zone it does not have). The message reads
 * {@code FILE:LINE:COLUMN: problem}, like a compiler's; line and column count from 1.
 */
public final class SysidcfgException extends IOException {
    private final String file;
    private final int line;
    private final int column;

    public SysidcfgException(String file, Position at, String problem) {
        super(file + ":" + at.line() + ":" + at.column() + ": " + problem);
        this.file = file;
        this.line = at.line();
        this.column = at.column();
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
