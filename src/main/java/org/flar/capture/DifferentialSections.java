package org.flar.capture;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.flar.entry.ContentDigest;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.pipeline.HashingOutputStream;
import org.flar.format.ManifestEntry;
import org.flar.format.ManifestEscape;
import org.flar.format.ManifestLine;
import org.flar.format.MetadataLine;

/**
 * The text sections only a differential has, written in walk order by the writer thread:
 * {@code state} (the manifest of the resulting state, hashed into state_sha256),
 * {@code deletions}, {@code base} (the old lines of everything replaced or deleted) and
 * {@code metadata} (files whose metadata alone changed, carried without their content).
 */
final class DifferentialSections {
    private final Differential diff;
    private final HashingOutputStream stateHash;
    private final Writer state;
    private final Writer deletions;
    private final Writer base;
    private final Writer metadata;
    /**
     * Files with other names that this differential re-sends: their later names must be sent
     * again as hardlinks, or the clone would keep them linked to the old content.
     */
    private final Set<String> resentLinked = new HashSet<>();
    private long unchanged;
    private long deleted;
    private long metadataOnly;

    DifferentialSections(CaptureSpool spool, Differential diff) throws IOException {
        this.diff = diff;
        this.stateHash = new HashingOutputStream(Files.newOutputStream(spool.file("state")), ContentDigest.newSha256());
        this.state = writer(stateHash);
        this.deletions = writer(Files.newOutputStream(spool.file("deletions")));
        this.base = writer(Files.newOutputStream(spool.file("base")));
        this.metadata = writer(Files.newOutputStream(spool.file("metadata")));
    }

    private static Writer writer(java.io.OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Whether an entry found equal to the base must still be sent. */
    boolean mustSend(CapturedEntry c) {
        Entry e = c.entry();
        return e.type() == EntryType.HARDLINK && resentLinked.contains(e.linkTarget());
    }

    void unchanged(CapturedEntry c) throws IOException {
        unchanged++;
        line(state, c.base().formatted());
    }

    /** After {@code e} went into the payload. */
    void sent(CapturedEntry c, Entry e) throws IOException {
        if (e.type() == EntryType.FILE && c.item().stat().nlink() > 1) {
            resentLinked.add(e.path());
        }
        line(state, ManifestLine.format(e));
        if (c.base() == null) {
            diff.listener().added(e);
            return;
        }
        ManifestEntry old = replaced(c);
        String what = old.differences(e);
        diff.listener().changed(e, old, what.isEmpty() ? "hardlink re-sent with its re-sent file" : what);
    }

    /** A file whose content is the base's and whose metadata changed: a metadata line, no content. */
    void metadataOnly(CapturedEntry c) throws IOException {
        metadataOnly++;
        Entry e = c.entry();
        line(metadata, MetadataLine.format(e));
        line(state, ManifestLine.format(e));
        ManifestEntry old = replaced(c);
        diff.listener().changed(e, old, old.differences(e) + " (metadata only)");
    }

    /** Records and returns the base's line of an entry this differential changes. */
    private ManifestEntry replaced(CapturedEntry c) throws IOException {
        ManifestEntry old = diff.baseline().withChecksum(c.base());
        line(base, ManifestLine.format(old));
        return old;
    }

    void deleted(BaseEntry gone) throws IOException {
        deleted++;
        ManifestEntry old = diff.baseline().withChecksum(gone);
        line(deletions, ManifestEscape.escape(old.path(), "path"));
        line(base, ManifestLine.format(old));
        diff.listener().deleted(old);
    }

    private static void line(Writer w, String s) throws IOException {
        w.write(s);
        w.write('\n');
    }

    void close() throws IOException {
        state.close();
        deletions.close();
        base.close();
        metadata.close();
    }

    String stateSha256() {
        return Capture.hex(stateHash.digest());
    }

    long unchangedCount() {
        return unchanged;
    }

    long metadataOnlyCount() {
        return metadataOnly;
    }

    long deletedCount() {
        return deleted;
    }
}
