package org.flar.identity.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named, ordered set of identity items for one OS family: the built-in {@code linux} and
 * {@code solaris} profiles are resource files in the same syntax users write
 * ({@link ProfileParser}), so every item is data a user can read, override or switch off.
 */
public record Profile(String name, String os, List<IdentityItem> items) {
    public static final List<String> BUILT_IN = List.of("linux", "solaris");

    public Profile {
        items = List.copyOf(items);
    }

    /** A built-in profile by name; IllegalArgumentException naming the ones there are. */
    public static Profile builtIn(String name) throws IOException {
        if (!BUILT_IN.contains(name)) {
            throw new IllegalArgumentException("no built-in profile '" + name + "' (there are " + String.join(", ", BUILT_IN) + ")");
        }
        try (InputStream in = Profile.class.getResourceAsStream(name + ".profile")) {
            if (in == null) {
                throw new IOException("built-in profile " + name + " is missing from flar's jar");
            }
            return ProfileParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in:" + name, name);
        }
    }

    /**
     * {@code spec} is a built-in name or a profile file. A file that starts with
     * {@code extends = NAME} adds its items to that built-in profile and overrides those of the
     * same name.
     */
    public static Profile load(String spec) throws IOException {
        if (BUILT_IN.contains(spec)) {
            return builtIn(spec);
        }
        Path file = Path.of(spec);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(spec + ": no such profile file (built-in profiles: "
                    + String.join(", ", BUILT_IN) + ")");
        }
        String fileName = file.getFileName().toString().replaceFirst("\\.profile$", "");
        return ProfileParser.parse(Files.readString(file, StandardCharsets.UTF_8), spec, fileName);
    }

    /** This profile with {@code other}'s items added, and replacing those of the same name. */
    Profile overriddenBy(Profile other) {
        Map<String, IdentityItem> merged = new LinkedHashMap<>();
        for (IdentityItem i : items) {
            merged.put(i.name(), i);
        }
        for (IdentityItem i : other.items) {
            merged.put(i.name(), i);
        }
        return new Profile(other.name, os, new ArrayList<>(merged.values()));
    }

    /**
     * The item that covers {@code rel} on a root of {@code family}: one of its globs matches the
     * path or a directory above it. Null when the path is not identity.
     */
    public IdentityItem covering(String rel, String family) {
        for (IdentityItem i : items) {
            if (i.action() == Action.KEEP || !i.appliesTo(family)) {
                continue;
            }
            for (String p = rel; ; ) {
                for (PathGlob g : i.paths()) {
                    if (g.matches(p)) {
                        return i;
                    }
                }
                int slash = p.lastIndexOf('/');
                if (slash < 0) {
                    break;
                }
                p = p.substring(0, slash);
            }
        }
        return null;
    }

    public IdentityItem item(String itemName) {
        return items.stream().filter(i -> i.name().equals(itemName)).findFirst().orElse(null);
    }
}
