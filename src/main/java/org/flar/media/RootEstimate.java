package org.flar.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.flar.capture.BaseEntry;
import org.flar.capture.CaptureOptions;
import org.flar.capture.ExcludeRules;
import org.flar.capture.WalkedTree;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.format.ManifestLine;
import org.flar.progress.Progress;

/**
 * What a capture of a root would hold, from a walk of its metadata as the capture walks it (no
 * file is read): CART's "prepare" phase, for {@code media create -R --dry-run}.
 *
 * @param manifestBytes the manifest's size (exact but for files that change meanwhile)
 * @param payloadBytes  file contents plus 1,536 bytes per entry for pax headers, before compression
 */
public record RootEstimate(long entries, long fileBytes, long manifestBytes, long payloadBytes) {

    /** Volumes the set takes at most: volume 1 for the text sections, the uncompressed payload after it. */
    public int volumesAtMost(VolumePlan plan) {
        return 1 + (int) Math.max(1, (payloadBytes + plan.share(2) - 1) / plan.share(2));
    }

    public static RootEstimate of(CaptureOptions options) throws IOException {
        long entries = 0;
        long files = 0;
        long manifest = 0;
        try (WalkedTree tree = WalkedTree.start(options.root(), options.rules(),
                options.oneFileSystem(), Progress.NONE)) {
            for (BaseEntry e; (e = tree.next()) != null; ) {
                Entry entry = e.line().entry();
                entries++;
                // The walk does not hash files: add what " sha256=HEX" takes in the manifest.
                manifest += ManifestLine.format(entry).getBytes(StandardCharsets.UTF_8).length + 1
                        + (entry.type() == EntryType.FILE ? 72 : 0);
                if (entry.type() == EntryType.FILE) {
                    files += entry.size();
                }
            }
        }
        return new RootEstimate(entries, files, manifest, files + entries * 1536);
    }
}
