package org.flar.identity.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.flar.entry.ContentDigest;
import org.flar.fs.FileStat;
import org.flar.fs.Beneath;
import org.flar.fs.Posix;
import org.flar.fs.UnsafePathException;
import org.flar.format.ManifestEscape;

/**
 * A short description of what is at a path, to recognise the root a bundle was saved from:
 * {@code absent}, {@code dir}, {@code link:TARGET}, {@code file:SHA256} or {@code other}.
 * Written as "STATE ESCAPED-PATH" lines.
 */
public final class PathState {
    private PathState() {
    }

    static String of(Path root, String rel) throws IOException {
        Path p;
        FileStat st;
        try (Beneath beneath = Beneath.open(root)) {
            p = beneath.resolve(rel);
            st = Posix.lstat(p);
        } catch (UnsafePathException linked) {
            return "other";
        } catch (NoSuchFileException e) {
            return "absent";
        }
        if (st.isDirectory()) {
            return "dir";
        }
        if (st.isSymlink()) {
            return "link:" + ManifestEscape.escape(Posix.readlink(p), "link");
        }
        if (st.isRegular()) {
            return "file:" + ContentDigest.of(Files.readAllBytes(p));
        }
        return "other";
    }

    /** The "STATE ESCAPED-PATH" line of {@code rel} now: what unconfig records as expected, and reconfig compares. */
    public static String line(Path root, String rel) throws IOException {
        return of(root, rel) + " " + ManifestEscape.escape(rel, "path");
    }
}
