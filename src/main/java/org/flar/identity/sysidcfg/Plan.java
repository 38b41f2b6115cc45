package org.flar.identity.sysidcfg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What applying a sysidcfg will write, collected in full before the first write, so that any
 * problem (a time zone the target lacks, an interface it cannot name) leaves the target untouched.
 */
final class Plan {
    /** A regular file with its content, or (with {@code linkTarget}) a symlink. */
    record Change(String path, byte[] content, int newMode, String linkTarget) {
    }

    private final Map<String, Change> changes = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** A file; {@code newMode} applies only when the file does not exist yet. */
    void file(String path, String content, int newMode) {
        changes.put(path, new Change(path, content.getBytes(StandardCharsets.UTF_8), newMode, null));
    }

    void bytes(String path, byte[] content, int newMode) {
        changes.put(path, new Change(path, content, newMode, null));
    }

    void link(String path, String target) {
        changes.put(path, new Change(path, null, 0, target));
    }

    /** A setting that was read but not applied, and why. */
    void note(String note) {
        notes.add(note);
    }

    List<Change> changes() {
        return List.copyOf(changes.values());
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}
