package org.flar.baseline;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.flar.capture.Capture;
import org.flar.capture.CaptureOptions;
import org.flar.capture.ChangeListener;
import org.flar.capture.Differential;
import org.flar.capture.ExcludeRules;
import org.flar.entry.Entry;
import org.flar.format.ManifestEntry;
import org.flar.format.PayloadFormat;
import org.flar.format.compress.Compression;
import org.flar.progress.Progress;

/**
 * What a differential against a master would contain, without writing one: the same capture,
 * its payload thrown away (changed files are still read, to compare checksums).
 */
public final class Comparison {

    public record Change(String path, String what) {
    }

    /** @param added paths new in the root; changed: path and what differs (master's value first); deleted: gone from the root */
    public record Result(List<String> added, List<Change> changed, List<String> deleted, long unchanged) {
    }

    private Comparison() {
    }

    public static Result run(Master master, CaptureOptions options, boolean checksum, Progress progress) throws IOException {
        List<String> added = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        ChangeListener listener = new ChangeListener() {
            @Override
            public void added(Entry now) {
                added.add(now.path());
            }

            @Override
            public void changed(Entry now, ManifestEntry old, String what) {
                changed.add(new Change(now.path(), what));
            }

            @Override
            public void deleted(ManifestEntry old) {
                deleted.add(old.path());
            }
        };
        CaptureOptions quiet = options.toBuilder().format(PayloadFormat.PAX).compression(Compression.NONE, -1).build();
        try (Differ differ = master.differ(options.rules(), options.oneFileSystem())) {
            var r = new Capture(quiet, progress, new Differential(differ, checksum, listener))
                    .run(OutputStream.nullOutputStream(), null);
            return new Result(added, changed, deleted, r.unchanged());
        }
    }
}
