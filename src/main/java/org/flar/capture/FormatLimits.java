package org.flar.capture;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.flar.entry.Entry;
import org.flar.format.PayloadFormat;
import org.flar.format.cpio.NewcWriter;
import org.flar.progress.Progress;

/**
 * What a payload format cannot carry. pax carries everything; cpio newc loses xattrs, ACLs,
 * nanoseconds and holes and cannot hold files of 4 GiB. The manifest records what the payload
 * really holds, so deployment checks against the truth, and each kind of loss is reported once,
 * counted.
 */
final class FormatLimits {
    private final PayloadFormat format;
    private final Progress progress;
    private final Map<String, Long> losses = new TreeMap<>();

    FormatLimits(PayloadFormat format, Progress progress) {
        this.format = format;
        this.progress = progress;
    }

    Entry carried(Entry e) throws IOException {
        if (format == PayloadFormat.PAX) {
            return e;
        }
        for (String loss : NewcWriter.limitations(e)) {
            if (loss.contains("cannot store")) {
                throw new IOException(e.path() + ": " + loss + "; use --format pax");
            }
            int colon = loss.indexOf(':');
            losses.merge(colon > 0 ? loss.substring(0, colon) : loss, 1L, Long::sum);
        }
        return NewcWriter.asStored(e);
    }

    void sparseStoredWhole() {
        if (format == PayloadFormat.CPIO) {
            losses.merge("holes stored as zeros (sparse file stored whole)", 1L, Long::sum);
        }
    }

    void report() {
        losses.forEach((loss, count) -> progress.warning("cpio: " + count + " entries: " + loss + " (use --format pax to keep it)"));
    }
}
