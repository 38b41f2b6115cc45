package org.flar.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * User and group names of the captured root, read from its own etc/passwd and etc/group: an
 * alternate root's uid 1000 is not necessarily the capturing machine's.
 */
final class OwnerNames {
    private final Map<Integer, String> users;
    private final Map<Integer, String> groups;

    private OwnerNames(Map<Integer, String> users, Map<Integer, String> groups) {
        this.users = users;
        this.groups = groups;
    }

    static OwnerNames of(Path root) {
        return new OwnerNames(read(root.resolve("etc/passwd")), read(root.resolve("etc/group")));
    }

    String user(int uid) {
        return users.get(uid);
    }

    String group(int gid) {
        return groups.get(gid);
    }

    private static Map<Integer, String> read(Path file) {
        Map<Integer, String> names = new HashMap<>();
        try {
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return names;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length >= 3 && !f[0].isEmpty()) {
                    try {
                        names.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                    } catch (NumberFormatException ignored) {
                        // a malformed line names nobody
                    }
                }
            }
        } catch (IOException e) {
            // no names: numbers alone are stored, which is all deployment needs
        }
        return names;
    }
}
