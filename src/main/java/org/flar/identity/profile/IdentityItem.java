package org.flar.identity.profile;

import java.util.List;

/**
 * One piece of a machine's identity, as a profile describes it.
 *
 * @param name        unique within a profile; a user profile's item of the same name overrides it
 * @param os          the OS family it applies to: {@code linux}, {@code solaris} or {@code any}
 * @param paths       globs relative to the root ({@code *}, {@code ?}, {@code [..]} within a name, {@code **} any depth)
 * @param content     the default content of a {@link Action#REPLACE} item, else empty
 * @param edits       the rules of an {@link Action#EDIT_LINES} item, else empty
 * @param generator   what a {@link Action#REGENERATE} item makes new (only {@code ssh-host-keys}), else null
 */
public record IdentityItem(String name, String description, String os, List<PathGlob> paths, Action action,
                           byte[] content, List<LineEdit> edits, String generator) {

    public static final String SSH_HOST_KEYS = "ssh-host-keys";

    public IdentityItem {
        paths = List.copyOf(paths);
        edits = List.copyOf(edits);
        content = content == null ? new byte[0] : content.clone();
    }

    public boolean appliesTo(String family) {
        return family == null || os.equals("any") || os.equals(family);
    }
}
