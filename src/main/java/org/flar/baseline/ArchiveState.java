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
import java.util.concurrent.CompletableFuture;
import org.flar.capture.BaseEntry;
import org.flar.format.CorruptArchiveException;
import org.flar.format.FlashArchiveReader;
import org.flar.format.Identification;
import org.flar.format.ManifestEntry;
import org.flar.format.ManifestReader;
import org.flar.format.StateId;
import org.flar.pipeline.Await;

/**
 * The old state recorded in a flash archive: its manifest (or, for a differential, its state
 * section), read line by line. The payload is never read, so the master archive may be huge,
 * remote or on tape; only its text sections are needed.
 *
 * <p>Everything happens on its own thread, in batches through a bounded queue: opening the
 * archive, reading and checking its text sections, naming its state and parsing the lines. The
 * walker thread that asks for them is the differential's critical path (bench/diff), and reading
 * the base's sections first, before the walk could start, cost ~0.15 s of a 1.7 s differential
 * (a 5.7 MB manifest); now it overlaps the capture's own start. A damaged base still stops the
 * capture before its archive is complete: the failure is what {@link #next} throws, and the base's
 * lines are used only once its sections' checksums held. Memory stays bounded.
 */
final class ArchiveState implements OldState {
    private static final int BATCH = 256;
    private static final List<BaseEntry> END = List.of();

    /** Where the base's text sections are read from; opened and closed on the reading thread. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    private final CompletableFuture<Map<String, String>> keywords = new CompletableFuture<>();
    private final CompletableFuture<Map<String, String>> capturedAs = new CompletableFuture<>();
    private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(16);
    private final Thread reader;
    /** The source once opened, so that {@link #close} can end a read blocked on the network. */
    private InputStream opened;
    private boolean closed;
    private List<BaseEntry> batch = new ArrayList<>();
    private int next;
    private boolean ended;

    private ArchiveState(Source source, String name) {
        this.reader = Thread.ofPlatform().name("flar-read-base").daemon().start(() -> read(source, name));
    }

    static ArchiveState open(Path file) {
        return open(() -> Files.newInputStream(file), file.toString());
    }

    /** Starts reading {@code source}'s text sections; its payload stays unread. */
    static ArchiveState open(Source source, String name) {
        return new ArchiveState(source, name);
    }

    private void read(Source source, String name) {
        try (InputStream in = opened(source); FlashArchiveReader archive = FlashArchiveReader.open(in, name)) {
            if (!archive.isFlarFormat()) {
                throw new CorruptArchiveException(archive.name() + ": not made by flar (no flar_format): its manifest"
                        + " has no checksums to compare with");
            }
            Identification id = archive.identification();
            String section = StateId.stateSection(archive);
            Map<String, String> named = new LinkedHashMap<>();
            named.put(Identification.BASE_STATE_SHA256, StateId.of(archive));
            named.put(Identification.BASE_ARCHIVE_ID, id.require(Identification.ARCHIVE_ID));
            named.put(Identification.BASE_CONTENT_NAME, id.require(Identification.CONTENT_NAME));
            Map<String, String> captured = new LinkedHashMap<>();
            for (String k : List.of(Identification.CREATION_STARTED, Identification.CREATION_ROOT)) {
                if (id.get(k) != null) {
                    captured.put(k, id.get(k));
                }
            }
            capturedAs.complete(captured);
            keywords.complete(named);
            parse(new ManifestReader(archive.sectionStream(section), archive.name() + " (" + section + ")", -1));
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            keywords.completeExceptionally(stopped);
            capturedAs.completeExceptionally(stopped);
        } catch (Throwable e) {
            keywords.completeExceptionally(e);
            capturedAs.completeExceptionally(e);
            try {
                batches.put(e);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private InputStream opened(Source source) throws IOException {
        InputStream in = source.open();
        synchronized (this) {
            if (closed) {
                in.close();
                throw new IOException("reading the base stopped");
            }
            opened = in;
        }
        return in;
    }

    private void parse(ManifestReader lines) throws IOException, InterruptedException {
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

    /** Waits for the base's sections to be read: the keywords come from its identification. */
    @Override
    public Map<String, String> keywords() throws IOException {
        return Await.result(keywords, "reading the base's identification");
    }

    @Override
    public Map<String, String> capturedAs() throws IOException {
        return Await.result(capturedAs, "reading the base's identification");
    }

    /** Stops the reading thread, which closes the base's source and deletes its spooled sections. */
    @Override
    public void close() throws IOException {
        reader.interrupt();
        InputStream in;
        synchronized (this) {
            closed = true;
            in = opened;
        }
        if (in != null) {
            in.close();
        }
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("closing the base interrupted", e);
        }
    }
}
