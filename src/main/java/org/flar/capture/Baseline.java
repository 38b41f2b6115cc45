package org.flar.capture;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.flar.format.ManifestEntry;

/**
 * The old state a differential capture is compared with, consulted in walk order so the
 * comparison is a merge join of two sorted streams: memory does not grow with the tree.
 */
public interface Baseline extends Closeable {

    /**
     * Called by the walker thread for every new path, in walk order: returns the old entry at
     * {@code rel} or null, after handing every old entry that sorts before {@code rel} (gone from
     * the source) to {@code gone}.
     */
    BaseEntry advanceTo(String rel, Consumer<BaseEntry> gone) throws IOException;

    /** After the walk: hands the old entries after the last new one to {@code gone}. */
    void finish(Consumer<BaseEntry> gone) throws IOException;

    /** The old line with a file's sha256 filled in (reading the old file if it must); thread-safe. */
    ManifestEntry withChecksum(BaseEntry old) throws IOException;

    /** Identification keywords naming the base: base_content_name, base_archive_id, base_state_sha256. */
    Map<String, String> keywords() throws IOException;

    /**
     * The base's own {@code creation_started} and {@code creation_root}, those it has: when and
     * from which tree it was captured, which decide whether ctimes can be trusted (CtimeTrust).
     */
    default Map<String, String> capturedAs() throws IOException {
        return Map.of();
    }
}
