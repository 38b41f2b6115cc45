package org.flar.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every path under a directory with its type, content (a link's target) and mode, never following links: "as it was" made checkable. */
public final class TreeSnapshot {
    private TreeSnapshot() {
    }

    public static Map<String, String> of(Path top) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : all.toList()) {
                String rel = top.relativize(p).toString();
                String mode = Files.isSymbolicLink(p) ? "" : " " + Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "link:" + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(rel, "file:" + Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1) + mode);
                } else {
                    out.put(rel, (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : "other") + mode);
                }
            }
        }
        return out;
    }
}
