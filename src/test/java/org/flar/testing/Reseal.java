package org.flar.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveReader;
import org.flar.format.FlashArchiveWriter;
import org.flar.format.Identification;

/**
 * An archive taken apart and written again with other sections or keywords and every checksum
 * recomputed: what an attacker who knows the format makes, so that only the semantic fault
 * remains for the reader to find.
 */
public final class Reseal {
    private final Identification id;
    private final Map<String, byte[]> sections = new LinkedHashMap<>();
    private final byte[] payload;

    private Reseal(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive); FlashArchiveReader r = FlashArchiveReader.open(in, archive.toString())) {
            id = r.identification();
            id.remove(Identification.SECTION_SHA256);
            id.remove(Identification.IDENTIFICATION_SHA256);
            for (String s : r.sectionNames()) {
                if (!s.equals(FlashArchive.IDENTIFICATION) && !s.equals(FlashArchive.ARCHIVE)) {
                    sections.put(s, r.section(s));
                }
            }
            ByteArrayOutputStream p = new ByteArrayOutputStream();
            r.payload().transferTo(p);
            payload = p.toByteArray();
        }
    }

    public static Reseal of(Path archive) throws IOException {
        return new Reseal(archive);
    }

    public String section(String name) {
        return new String(sections.get(name), StandardCharsets.UTF_8);
    }

    /** Replaces (or adds, after the others) a text section. */
    public Reseal section(String name, String content) {
        sections.put(name, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public Reseal section(String name, byte[] content) {
        sections.put(name, content.clone());
        return this;
    }

    public Reseal without(String section) {
        sections.remove(section);
        return this;
    }

    /** Sets a keyword of the identification; null removes it. */
    public Reseal keyword(String keyword, String value) {
        if (value == null) {
            id.remove(keyword);
        } else {
            id.put(keyword, value);
        }
        return this;
    }

    public Path write(Path out) throws IOException {
        Path stored = Files.createTempFile(out.toAbsolutePath().getParent(), "payload", ".tmp");
        try (OutputStream o = Files.newOutputStream(out)) {
            Files.write(stored, payload);
            FlashArchiveWriter w = new FlashArchiveWriter(o).identification(id);
            sections.forEach(w::section);
            w.payload(stored).write();
        } finally {
            Files.delete(stored);
        }
        return out;
    }
}
