package org.flar.format;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import org.flar.entry.Entry;

/**
 * Reads a differential's {@code metadata} section line by line ({@link MetadataLine}), in
 * manifest order; an archive without the section has no metadata-only entries. The section may
 * be as long as the manifest (a {@code chown -R}), so it is streamed, never loaded.
 */
public final class MetadataSection implements Closeable {
    private final LineInput in;
    private final String source;
    private long lineNumber;
    private String previous;

    private MetadataSection(FlashArchiveReader archive) throws IOException {
        this.in = new LineInput(archive.hasSection(FlashArchive.METADATA)
                ? archive.sectionStream(FlashArchive.METADATA) : new ByteArrayInputStream(new byte[0]));
        this.source = archive.name() + " (metadata)";
    }

    public static MetadataSection open(FlashArchiveReader archive) throws IOException {
        return new MetadataSection(archive);
    }

    /** The next file, with its xattrs' values, or null after the last. */
    public Entry next() throws IOException {
        byte[] raw;
        lineNumber++;
        try {
            raw = in.readLine(FlashArchive.MAX_LINE);
        } catch (LineInput.TooLong e) {
            throw error("is longer than " + FlashArchive.MAX_LINE + " bytes");
        } catch (LineInput.Truncated e) {
            throw error("has no line feed");
        }
        if (raw == null) {
            lineNumber--;
            return null;
        }
        Entry e;
        try {
            e = MetadataLine.parse(UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString());
        } catch (CharacterCodingException bad) {
            throw error("is not valid UTF-8");
        } catch (IllegalArgumentException bad) {
            throw error(bad.getMessage());
        }
        if (previous != null && ArchivePaths.compare(previous, e.path()) >= 0) {
            throw error("'" + e.path() + "' out of order or repeated");
        }
        previous = e.path();
        return e;
    }

    /**
     * Reads the whole section and checks it against the archive's other sections before anything
     * is changed: every entry has a {@code base} line that is a file with the same size and sha256
     * (the content is the base's: that is what metadata-only means), and none is also in the
     * payload. Both are merge joins over sorted sections. Returns the number of entries.
     */
    public static long check(FlashArchiveReader archive) throws IOException {
        String name = archive.name();
        if (!archive.hasSection(FlashArchive.METADATA)) {
            return 0;
        }
        if (!archive.hasSection(FlashArchive.BASE)) {
            throw new CorruptArchiveException(name + ": differential archive has no base section: it cannot be checked");
        }
        long count = 0;
        try (MetadataSection meta = open(archive);
             ManifestReader base = new ManifestReader(archive.sectionStream(FlashArchive.BASE), name + " (base)", -1);
             ManifestReader manifest = archive.manifest()) {
            ManifestEntry b = base.next();
            ManifestEntry m = manifest.next();
            for (Entry e; (e = meta.next()) != null; count++) {
                while (b != null && ArchivePaths.compare(b.path(), e.path()) < 0) {
                    b = base.next();
                }
                if (b == null || !b.path().equals(e.path())) {
                    throw meta.error("'" + e.path() + "' has no line in the base section");
                }
                Entry was = b.entry();
                if (was.type() != e.type() || was.size() != e.size() || !e.sha256().equals(was.sha256())) {
                    throw meta.error("'" + e.path() + "' has other content than its base line (a metadata-only"
                            + " entry keeps the base's type, size and sha256)");
                }
                while (m != null && ArchivePaths.compare(m.path(), e.path()) < 0) {
                    m = manifest.next();
                }
                if (m != null && m.path().equals(e.path())) {
                    throw meta.error("'" + e.path() + "' is in the payload too");
                }
            }
        }
        return count;
    }

    private CorruptArchiveException error(String message) {
        return new CorruptArchiveException(source + ": line " + lineNumber + ": " + message);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
