package org.flar.diff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flar.capture.BaseEntry;
import org.flar.format.CorruptArchiveException;
import org.flar.format.FlashArchiveReader;
import org.flar.format.Identification;
import org.flar.format.ManifestEntry;
import org.flar.format.ManifestReader;

/**
 * The old state recorded in a flash archive: its manifest (or, for a differential, its state
 * section), read line by line. The payload is never read, so the master archive may be huge,
 * remote or on tape; only its text sections are needed.
 */
final class ArchiveState implements OldState {
    private final FlashArchiveReader archive;
    private final ManifestReader lines;
    private final Map<String, String> keywords = new LinkedHashMap<>();

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
        this.lines = new ManifestReader(archive.sectionStream(section), archive.name() + " (" + section + ")", -1);
    }

    static ArchiveState open(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            // The reader keeps the text sections (on disk past a few MiB); the payload stays unread.
            return new ArchiveState(FlashArchiveReader.open(in, file.toString()));
        }
    }

    @Override
    public BaseEntry next() throws IOException {
        ManifestEntry m = lines.next();
        return m == null ? null : new BaseEntry(m, null, lines.lastLine());
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
        try (archive) {
            lines.close();
        }
    }
}
