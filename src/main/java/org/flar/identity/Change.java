package org.flar.identity;

import org.flar.identity.profile.Action;
import org.flar.identity.profile.IdentityItem;

/**
 * One path an unconfiguration changes, and how.
 *
 * @param path       relative to the root
 * @param item       the profile item that names it
 * @param action     what is done ({@link Action#REMOVE} or {@link Action#REGENERATE} delete the path)
 * @param newContent the file's content afterwards for truncate, replace and edit-lines; else null
 * @param detail     for people: "2 lines dropped", "symlink: left alone" ...
 */
public record Change(String path, IdentityItem item, Action action, byte[] newContent, String detail) {

    /** Whether the path is deleted (with everything below it when a directory). */
    public boolean deletes() {
        return action == Action.REMOVE || action == Action.REGENERATE;
    }
}
