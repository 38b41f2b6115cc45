package org.flar.capture;

import org.flar.entry.Entry;
import org.flar.format.ManifestEntry;

/** Told, in walk order, what a differential capture found; {@code flar compare} lists it. */
public interface ChangeListener {
    ChangeListener NONE = new ChangeListener() {
    };

    default void added(Entry now) {
    }

    /** @param what the fields that differ, old value first, as {@link ManifestEntry#differences} says */
    default void changed(Entry now, ManifestEntry old, String what) {
    }

    default void deleted(ManifestEntry old) {
    }
}
