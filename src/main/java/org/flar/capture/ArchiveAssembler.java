package org.flar.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.flar.Version;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveWriter;
import org.flar.format.Identification;

/** Puts a finished capture together: cookie, identification, manifest, user sections, payload. */
final class ArchiveAssembler {
    private final CaptureOptions options;
    private final CaptureSpool spool;
    private final Differential differential;
    private final IdentityPolicy identity;
    private final byte[] layout;
    private long started;
    private String rootIdentity;

    ArchiveAssembler(CaptureOptions options, CaptureSpool spool, Differential differential, IdentityPolicy identity,
            byte[] layout) {
        this.options = options;
        this.spool = spool;
        this.differential = differential;
        this.identity = identity;
        this.layout = layout;
    }

    /** When the walk began (nanoseconds since the epoch) and the identity of the tree it walked, or null. */
    ArchiveAssembler capturedAs(long walkStarted, String root) {
        this.started = walkStarted;
        this.rootIdentity = root;
        return this;
    }

    void write(OutputStream out, PayloadSink sink, CaptureResult result) throws IOException {
        writer(out, sink, result).payload(spool.payload()).write();
        out.flush();
    }

    /** The payload already fills {@code archive}: the text sections go in front of it. */
    void writeInPlace(PayloadInPlace archive, PayloadSink sink, CaptureResult result) throws IOException {
        archive.finish(writer(archive.archive(), sink, result), result.storedSize(), spool.payload());
    }

    /** Everything before the payload's bytes, for a payload that went elsewhere (see {@link Capture#runStreamed}). */
    void writeHeader(OutputStream out, PayloadSink sink, CaptureResult result) throws IOException {
        writer(out, sink, result).writeHeader(result.storedSize());
        out.flush();
    }

    private FlashArchiveWriter writer(OutputStream out, PayloadSink sink, CaptureResult result) throws IOException {
        FlashArchiveWriter writer = new FlashArchiveWriter(out)
                .identification(identification(sink, result))
                .section(FlashArchive.MANIFEST, spool.manifest());
        if (differential != null) {
            writer.section(FlashArchive.STATE, spool.file("state"))
                    .section(FlashArchive.DELETIONS, spool.file("deletions"))
                    .section(FlashArchive.BASE, spool.file("base"))
                    .section(FlashArchive.METADATA, spool.file("metadata"));
        }
        byte[] saved = identity == null ? null : identity.section(result.archiveId());
        if (saved != null) {
            Path file = spool.file("identity");
            Files.write(file, saved);
            writer.section(FlashArchive.IDENTITY, file);
        }
        if (layout != null) {
            Path file = spool.file("layout");
            Files.write(file, layout);
            writer.section(FlashArchive.LAYOUT, file);
        }
        int n = 0;
        for (Map.Entry<String, byte[]> s : options.userSections().entrySet()) {
            Path file = spool.file("section-" + n++);
            Files.write(file, s.getValue());
            writer.section(s.getKey(), file);
        }
        return writer;
    }

    private Identification identification(PayloadSink sink, CaptureResult result) throws IOException {
        Identification id = new Identification();
        id.put(Identification.ARCHIVE_ID, result.archiveId());
        id.put(Identification.FILES_ARCHIVED_METHOD, options.format().keyword());
        id.put(Identification.FILES_COMPRESSED_METHOD, options.compression().keyword());
        id.put(Identification.FILES_ARCHIVED_SIZE, Long.toString(result.storedSize()));
        id.put(Identification.FILES_UNARCHIVED_SIZE, Long.toString(Math.max(1, sink.unarchivedSize())));
        id.put(Identification.CONTENT_NAME, options.name());
        Map<String, String> facts = SystemFacts.describe(options.root());
        facts.forEach(id::put);
        id.put(Identification.CREATION_STARTED, CtimeTrust.formatStarted(started));
        if (rootIdentity != null) {
            id.put(Identification.CREATION_ROOT, rootIdentity);
        }
        id.put(Identification.TYPE, differential == null ? Identification.FULL : Identification.DIFFERENTIAL);
        if (differential != null) {
            id.put(Identification.CONTENT_TYPE, "differential");
            differential.baseline().keywords().forEach(id::put);
        }
        id.put(Identification.STATE_SHA256, result.stateSha256());
        options.keywords().forEach(id::put);
        id.put(Identification.FLAR_FORMAT, "1");
        id.put(Identification.FLAR_VERSION, Version.VERSION);
        id.put(Identification.PAYLOAD_ENTRIES, Long.toString(sink.entries()));
        id.put(Identification.PAYLOAD_SIZE, Long.toString(sink.payloadSize()));
        return id;
    }
}
