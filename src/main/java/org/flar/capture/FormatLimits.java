package org.flar.capture;

import java.io.IOException;
import java.util.List;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.format.PayloadFormat;
import org.flar.progress.Progress;

/**
 * What a payload format cannot carry. pax carries everything; cpio newc loses xattrs, ACLs,
 * nanoseconds and holes and cannot hold files of 4 GiB. The manifest records what the payload
 * really holds, so deployment checks against the truth, and the loss is reported once, counted.
 */
final class FormatLimits {
    static final long CPIO_MAX_SIZE = 0xFFFFFFFFL;

    private final PayloadFormat format;
    private final Progress progress;
    private long lostXattrs;
    private long lostNanos;
    private long lostHoles;

    FormatLimits(PayloadFormat format, Progress progress) {
        this.format = format;
        this.progress = progress;
    }

    Entry carried(Entry e) throws IOException {
        if (format == PayloadFormat.PAX) {
            return e;
        }
        if (e.type() == EntryType.FILE && e.size() > CPIO_MAX_SIZE) {
            throw new IOException(e.path() + ": " + e.size() + " bytes is too large for cpio newc (at most 4 GiB - 1); use --format pax");
        }
        Entry.Builder b = e.toBuilder();
        if (!e.xattrs().isEmpty()) {
            lostXattrs++;
            b.xattrs(List.of());
        }
        long nanos = Math.floorMod(e.mtimeNanos(), 1_000_000_000L);
        if (nanos != 0) {
            lostNanos++;
            b.mtimeNanos(e.mtimeNanos() - nanos);
        }
        return b.build();
    }

    void sparseStoredWhole() {
        if (format == PayloadFormat.CPIO) {
            lostHoles++;
        }
    }

    void report() {
        if (lostXattrs > 0) {
            progress.warning("cpio cannot carry extended attributes or ACLs: " + lostXattrs + " entries lose them (use --format pax)");
        }
        if (lostNanos > 0) {
            progress.warning("cpio keeps whole seconds only: " + lostNanos + " entries lose their nanoseconds");
        }
        if (lostHoles > 0) {
            progress.warning("cpio cannot store holes: " + lostHoles + " sparse files are stored whole and restored dense");
        }
    }
}
