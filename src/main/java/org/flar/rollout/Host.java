package org.flar.rollout;

/**
 * One machine of a rollout, as a line of the hosts file gives it.
 *
 * @param destination what ssh is given ({@code [user@]host}, or an alias of the user's ssh config)
 * @param root        the root to deploy onto on that host ({@code root=}, default /)
 * @param line        where it was given, for messages
 */
public record Host(String destination, String root, String line) {
    @Override
    public String toString() {
        return destination + (root.equals("/") ? "" : ":" + root);
    }
}
