package org.flar.identity.sysidcfg;

/** A place in a sysidcfg file: line and column, both counted from 1. */
public record Position(int line, int column) {
    /** For settings that were not read from a file (built in code). */
    public static final Position NONE = new Position(0, 0);
}
