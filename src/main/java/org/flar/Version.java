package org.flar;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version flar writes into archives and prints with --version, and the commit it was built from. */
public final class Version {
    public static final String VERSION = "0.1.0";

    private Version() {
    }

    /**
     * The abbreviated commit (with "-dirty" for uncommitted changes) from org/flar/git.properties,
     * which the build writes; "unknown" for a build from a tree without git.
     */
    public static String commit() {
        try (InputStream in = Version.class.getResourceAsStream("git.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String id = p.getProperty("git.commit.id.abbrev", "").strip();
            return id.isEmpty() ? "unknown" : id + ("true".equals(p.getProperty("git.dirty")) ? "-dirty" : "");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
