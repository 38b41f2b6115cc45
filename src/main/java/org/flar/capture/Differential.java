package org.flar.capture;

/**
 * Makes a capture differential: only what differs from {@code baseline} goes into the payload.
 *
 * @param baseline the old state
 * @param checksum read and hash every file instead of trusting equal metadata (size, mtime, mode, owner, xattrs)
 * @param listener told of every addition, change and deletion
 */
public record Differential(Baseline baseline, boolean checksum, ChangeListener listener) {
}
