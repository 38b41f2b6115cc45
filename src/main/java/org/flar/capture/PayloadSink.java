package org.flar.capture;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.flar.entry.ContentDigest;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.SparseMap;
import org.flar.pipeline.HashingOutputStream;
import org.flar.format.ManifestLine;
import org.flar.format.PayloadWriter;
import org.flar.fs.Posix;

/**
 * The writing end of a capture: the payload (format writer over compression over a hashing
 * counter, into the spool) and the manifest lines, in walk order, from one thread.
 */
final class PayloadSink {
    private final CaptureOptions options;
    private final HashingOutputStream stored;
    private final HashingOutputStream uncompressed;
    private final OutputStream compressed;
    private final PayloadWriter payload;
    private final HashingOutputStream manifestHash;
    private final Writer manifest;
    /** Null for a full capture. */
    private final DifferentialSections differential;
    private final FormatLimits limits;
    private long entries;
    private long unarchivedSize;

    /** @param storedTarget where the stored payload goes; null for the spool's payload file */
    PayloadSink(CaptureSpool spool, OutputStream storedTarget, CaptureOptions options, org.flar.progress.Progress progress,
                Differential diff) throws IOException {
        this.options = options;
        OutputStream target = storedTarget != null ? storedTarget : Files.newOutputStream(spool.payload());
        this.stored = new HashingOutputStream(new BufferedOutputStream(target, 1 << 20), ContentDigest.newSha256());
        this.compressed = options.compression().compress(stored, options.level(), options.threads());
        this.uncompressed = new HashingOutputStream(compressed, null);
        this.payload = options.format().writer(uncompressed);
        this.manifestHash = new HashingOutputStream(Files.newOutputStream(spool.manifest()), ContentDigest.newSha256());
        this.manifest = new BufferedWriter(new java.io.OutputStreamWriter(manifestHash, StandardCharsets.UTF_8), 1 << 20);
        this.differential = diff == null ? null : new DifferentialSections(spool, diff);
        this.limits = new FormatLimits(options.format(), progress);
    }

    /** Returns the entry written, or null when a differential left it out (unchanged, metadata-only or deleted). */
    Entry write(CapturedEntry c, ContentStage content) throws IOException {
        if (c.isDeletion()) {
            differential.deleted(c.base());
            return null;
        }
        if (c.metadataOnly()) {
            differential.metadataOnly(c);
            return null;
        }
        if (c.unchanged() && !differential.mustSend(c)) {
            differential.unchanged(c);
            return null;
        }
        Entry e = limits.carried(c.entry());
        if (c.streamed()) {
            e = writeStreamed(e, c.item(), content);
        } else {
            payload.write(e, c.content() != null ? new ByteArrayInputStream(c.content()) : null);
        }
        if (e.type() == EntryType.FILE) {
            unarchivedSize += e.size();
        }
        manifest.write(ManifestLine.format(e));
        manifest.write('\n');
        entries++;
        if (differential != null) {
            differential.sent(c, e);
        }
        return e;
    }

    private Entry writeStreamed(Entry e, TreeWalker.Item item, ContentStage content) throws IOException {
        SparseMap sparse = null;
        if (item.stat().mayBeSparse()) {
            sparse = Posix.dataSegments(item.path(), e.size());
            List<SparseMap.Segment> s = sparse.segments();
            if (s.size() == 1 && s.getFirst().offset() == 0 && s.getFirst().length() == e.size()) {
                sparse = null;
            } else {
                limits.sparseStoredWhole();
            }
        }
        e = e.toBuilder().sparse(sparse).build();
        String sha256;
        try (FileContent in = new FileContent(item.path(), sparse, e.size())) {
            payload.write(e, in);
            in.transferTo(OutputStream.nullOutputStream());
            if (in.shortBy() > 0) {
                content.changed(e.path(), "shrank by " + in.shortBy() + " bytes while read; padded with zeros");
            } else {
                content.checkUnchanged(item);
            }
            sha256 = in.sha256();
        }
        content.countStreamed(e.size());
        return e.withSha256(sha256);
    }

    CaptureResult finish(ContentStage content) throws IOException {
        payload.finish();
        compressed.close();
        manifest.close();
        limits.report();
        String state;
        long unchanged = 0;
        long deleted = 0;
        long metadataOnly = 0;
        if (differential != null) {
            differential.close();
            state = differential.stateSha256();
            unchanged = differential.unchangedCount();
            deleted = differential.deletedCount();
            metadataOnly = differential.metadataOnlyCount();
        } else {
            // A full archive's manifest is the manifest of the state it produces.
            state = Capture.hex(manifestHash.digest());
        }
        return new CaptureResult(entries, content.bytesRead(), content.filesRead(), content.changedCount(),
                stored.count(), Capture.hex(stored.digest()), unchanged, metadataOnly, deleted, state);
    }

    boolean isDifferential() {
        return differential != null;
    }

    long entries() {
        return entries;
    }

    long unarchivedSize() {
        return unarchivedSize;
    }

    long payloadSize() {
        return uncompressed.count();
    }
}
