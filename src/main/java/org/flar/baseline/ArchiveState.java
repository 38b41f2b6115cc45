package org.flar.baseline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.flar.capture.BaseEntry;
import org.flar.format.CorruptArchiveException;
import org.flar.format.FlashArchiveReader;
import org.flar.format.Identification;
import org.flar.format.ManifestEntry;
import org.flar.format.ManifestReader;
import org.flar.format.StateId;

/**
 * The old state recorded in a flash archive: its manifest (or, for a differential, its state
 * section), read line by line. The payload is never read, so the master archive may be huge,
 * remote or on tape; only its text sections are needed.
 *
 * <p>Lines are parsed on their own thread, in batches through a bounded queue: the walker thread
 * that asks for them is the differential's critical path (bench/diff), and memory stays bounded.
 */
final class ArchiveState implements OldState {
    private static final int BATCH = 256;
    private static final List<BaseEntry> END = List.of();

    private final FlashArchiveReader archive;
    private final Map<String, String> keywords = new LinkedHashMap<>();
    private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(16);
    private final Thread reader;
    private List<BaseEntry> batch = new ArrayList<>();
    private int next;
    private boolean ended;

    private ArchiveState(FlashArchiveReader archive) throws IOException {
        this.archive = archive;
        Identification id = archive.identification();
        if (!archive.isFlarFormat()) {
            throw new CorruptArchiveException(archive.name() + ": not made by flar (no flar_format): its manifest"
                    + " has no checksums to compare with");
        }
        String section = StateId.stateSection(archive);
        keywords.put(Identification.BASE_STATE_SHA256, StateId.of(archive));
        keywords.put(Identification.BASE_ARCHIVE_ID, id.require(Identification.ARCHIVE_ID));
        keywords.put(Identification.BASE_CONTENT_NAME, id.require(Identification.CONTENT_NAME));
        ManifestReader lines = new ManifestReader(archive.sectionStream(section), archive.name() + " (" + section + ")", -1);
        this.reader = Thread.ofPlatform().name("flar-read-base").daemon().start(() -> parse(lines));
    }

    static ArchiveState open(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return open(in, file.toString());
        }
    }

    /** The reader keeps the text sections (on disk past a few MiB); the payload stays unread. */
    static ArchiveState open(InputStream in, String name) throws IOException {
        return new ArchiveState(FlashArchiveReader.open(in, name));
    }

    private void parse(ManifestReader lines) {
        try (lines) {
            List<BaseEntry> b = new ArrayList<>(BATCH);
            for (ManifestEntry m; (m = lines.next()) != null; ) {
                b.add(new BaseEntry(m, null, lines.lastLine()));
                if (b.size() == BATCH) {
                    batches.put(b);
                    b = new ArrayList<>(BATCH);
                }
            }
            batches.put(b);
            batches.put(END);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            try {
                batches.put(e);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public BaseEntry next() throws IOException {
        while (next == batch.size()) {
            if (ended) {
                return null;
            }
            Object o;
            try {
                o = batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("reading the base's manifest interrupted", e);
            }
            if (o instanceof IOException io) {
                throw io;
            }
            if (o instanceof Throwable t) {
                throw new IOException(t.getMessage(), t);
            }
            @SuppressWarnings("unchecked")
            List<BaseEntry> b = (List<BaseEntry>) o;
            ended = b == END;
            batch = b;
            next = 0;
        }
        return batch.get(next++);
    }

    @Override
    public ManifestEntry withChecksum(BaseEntry old) {
        return old.line();
    }

    @Override
    public Map<String, String> keywords() {
        return keywords;
    }

    @Override
    public void close() throws IOException {
        reader.interrupt();
        archive.close();
    }
}
