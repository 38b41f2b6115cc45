package org.flar.progress;

/**
 * What the library tells its caller while it works. The library never prints: the CLI turns
 * these calls into a terminal progress line, warnings on stderr, or JSON.
 */
public interface Progress {

    Progress NONE = new Progress() {
    };

    /** A phase begins; {@code totalBytes} is -1 when unknown. */
    default void phase(String name, long totalBytes) {
    }

    /**
     * The total of the phase {@code name}, learnt after it began (a counting pass beside a
     * capture); ignored once another phase began.
     */
    default void total(String name, long totalBytes) {
    }

    /**
     * Whether totals are shown to anyone: a counting pass beside a capture costs a walk of the
     * tree, worth it only for a progress line or --progress=json, not for a pipe or a log.
     */
    default boolean showsTotals() {
        return false;
    }

    /** One entry was handled, {@code bytes} of content with it. */
    default void entry(String path, long bytes) {
    }

    /** Something the user should know that does not stop the work. */
    default void warning(String message) {
    }

    /** A line a deployment script printed ({@code source} names the phase and the script): the deployment's log. */
    default void output(String source, String line) {
    }

    /** A path left out on purpose, and why (shown with --verbose). */
    default void excluded(String path, String reason) {
    }
}
