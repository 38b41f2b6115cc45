package org.flar.capture;

import java.io.IOException;

/**
 * How a capture treats the source root's machine identity; {@code org.flar.identity} decides,
 * the capture only asks. Either the payload keeps the root as it is and the identity is also
 * saved in the archive's {@code identity} section, or (--scrub-identity) the payload holds the
 * unconfigured state: identity files left out or captured with their unconfigured content.
 */
public interface IdentityPolicy {

    /** Whether the entry at {@code rel} stays out of the payload. */
    boolean leavesOut(String rel);

    /** The content the regular file at {@code rel} is captured with instead of its own, or null. */
    byte[] replacement(String rel);

    /** The identity section of the finished archive (text), or null for none. */
    byte[] section(String archiveId) throws IOException;
}
