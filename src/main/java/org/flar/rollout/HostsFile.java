package org.flar.rollout;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hosts file: one host per line, {@code DESTINATION [root=PATH]}, in rollout order (the
 * canaries first); blank lines and {@code #} comments ignored. DESTINATION is handed to ssh
 * as one argument, so it may be an alias of ~/.ssh/config; it may not start with '-' (ssh
 * would read it as an option). An error is "FILE:LINE: what".
 */
public final class HostsFile {
    private static final Pattern DESTINATION = Pattern.compile("[A-Za-z0-9_.@%:\\[\\]-]{1,255}");
    private static final long MAX_BYTES = 1 << 20;

    private HostsFile() {
    }

    public static List<Host> read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IllegalArgumentException(file + ": larger than the " + MAX_BYTES + " bytes a hosts file may have");
        }
        return parse(Files.readString(file, UTF_8), file.toString());
    }

    static List<Host> parse(String text, String name) {
        List<Host> hosts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int n = 0;
        for (String raw : text.split("\n", -1)) {
            n++;
            String line = raw.strip();
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            String where = name + ":" + n;
            String[] words = line.split("\\s+");
            String dest = words[0];
            if (dest.startsWith("-") || !DESTINATION.matcher(dest).matches()) {
                throw new IllegalArgumentException(where + ": '" + dest + "' is not an ssh destination ([user@]host)");
            }
            String root = "/";
            for (int i = 1; i < words.length; i++) {
                if (words[i].startsWith("root=") && words[i].length() > 6 && words[i].charAt(5) == '/') {
                    root = words[i].substring(5);
                } else {
                    throw new IllegalArgumentException(where + ": '" + words[i] + "': expected root=/ABSOLUTE/PATH");
                }
            }
            Host h = new Host(dest, root, where);
            if (!seen.add(h.toString())) {
                throw new IllegalArgumentException(where + ": " + h + " is listed twice");
            }
            hosts.add(h);
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException(name + ": no hosts");
        }
        return hosts;
    }
}
