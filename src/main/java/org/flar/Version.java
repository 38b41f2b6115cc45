package org.flar;

/** The version flar writes into archives and prints with --version. */
public final class Version {
    public static final String VERSION = "0.1.0";

    private Version() {
    }
}
