package org.flar.baseline;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import org.flar.capture.BaseEntry;
import org.flar.format.ManifestEntry;

/** The old side of a differential: its entries in manifest order, one at a time. */
interface OldState extends Closeable {

    /** The next entry in manifest order, or null after the last. */
    BaseEntry next() throws IOException;

    /** The entry's line with a file's sha256 present; thread-safe. */
    ManifestEntry withChecksum(BaseEntry old) throws IOException;

    /** Identification keywords that name this state as a base. */
    Map<String, String> keywords() throws IOException;

    /** The base's creation_started and creation_root, those it recorded. */
    default Map<String, String> capturedAs() throws IOException {
        return Map.of();
    }
}
