package org.flar.format;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flar.format.compress.Compression;

/**
 * Reads a flash archive from a stream, strictly sequentially (it may be a pipe or a download):
 * {@link #open} reads the cookie and every text section, checks the structure and the text
 * sections' checksums, and stops at the payload, which {@link #payload()} then streams.
 *
 * <p>Sections are kept in memory, or in temporary files past a few MiB, so a large manifest costs
 * disk rather than heap; {@link #close()} deletes them. The archive's input is not closed.
 * Archives without {@code flar_format} (Solaris ones) are read as far as the container goes:
 * sections, identification; checksums are verified when present but not required. Every error
 * is a {@link CorruptArchiveException} whose message starts with the archive's name.
 */
public final class FlashArchiveReader implements Closeable {

    private final String name;
    private final LineInput in;
    private final String cookie;
    private final Map<String, SectionSpool> sections;
    private final Identification identification;
    private boolean payloadTaken;
    private Preflight preflight;

    private FlashArchiveReader(String name, LineInput in, SectionParser parsed, Identification identification) {
        this.name = name;
        this.in = in;
        this.cookie = parsed.cookie;
        this.sections = parsed.sections;
        this.identification = identification;
    }

    public static FlashArchiveReader open(InputStream in, String archiveName) throws IOException {
        return open(in, archiveName, null);
    }

    /** @param tempDir where large sections are spooled; null for the system's temporary directory */
    public static FlashArchiveReader open(InputStream in, String archiveName, Path tempDir) throws IOException {
        LineInput lines = new LineInput(in);
        SectionParser parser = new SectionParser(lines, archiveName, tempDir);
        parser.parse();
        try {
            Identification id = ArchiveChecks.identification(archiveName, parser.sections.get(FlashArchive.IDENTIFICATION).bytes());
            ArchiveChecks.sections(archiveName, id, parser.sections);
            return new FlashArchiveReader(archiveName, lines, parser, id);
        } catch (IOException | RuntimeException e) {
            for (SectionSpool s : parser.sections.values()) {
                s.close();
            }
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** The first line, e.g. {@code FlAsH-aRcHiVe-2.0}. */
    public String cookie() {
        return cookie;
    }

    public Identification identification() {
        return identification.copy();
    }

    /** Whether the archive has flar's extensions (flar_format), and so its checksums were required. */
    public boolean isFlarFormat() {
        return identification.has(Identification.FLAR_FORMAT);
    }

    /**
     * The text sections checked against each other and for safety ({@link Preflight}), once:
     * the facts every step of a deployment asks for (is it a differential, which state).
     */
    public Preflight preflight() throws IOException {
        if (preflight == null) {
            preflight = Preflight.of(this);
        }
        return preflight;
    }

    /** All section names in archive order: identification first, archive last. */
    public List<String> sectionNames() {
        List<String> names = new ArrayList<>(sections.keySet());
        names.add(FlashArchive.ARCHIVE);
        return names;
    }

    public boolean hasSection(String section) {
        return sections.containsKey(section);
    }

    /** The exact content of a text section: the bytes between its begin and end lines. */
    public byte[] section(String section) throws IOException {
        return spool(section).bytes();
    }

    public InputStream sectionStream(String section) throws IOException {
        return spool(section).open();
    }

    public long sectionSize(String section) {
        return spool(section).size();
    }

    /** The SHA-256 of a text section's content, computed as it was read (and checked against section_sha256). */
    public String sectionSha256(String section) {
        return spool(section).sha256();
    }

    /** A new reader over the manifest's entries, from the first. */
    public ManifestReader manifest() throws IOException {
        SectionSpool manifest = sections.get(FlashArchive.MANIFEST);
        if (manifest == null) {
            throw new CorruptArchiveException(name + ": archive has no manifest section");
        }
        if (!isFlarFormat()) {
            return new ManifestReader(manifest.open(), name, -1);
        }
        return new ManifestReader(manifest.open(), name, FlarKeywords.number(identification, Identification.PAYLOAD_ENTRIES))
                .sizesWithin(FlarKeywords.number(identification, Identification.FILES_UNARCHIVED_SIZE));
    }

    /**
     * The archive section's bytes as stored; for a flar-format archive the stream checks
     * {@code files_archived_size} and {@code archive_id} at its end. Can be called once.
     */
    public PayloadStream payload() {
        if (payloadTaken) {
            throw new IllegalStateException(name + ": the payload can be read once");
        }
        payloadTaken = true;
        if (!isFlarFormat()) {
            return new PayloadStream(in, name, -1, null);
        }
        return new PayloadStream(in, name, Long.parseLong(identification.get(Identification.FILES_ARCHIVED_SIZE)),
                identification.get(Identification.ARCHIVE_ID));
    }

    /** The payload format {@code files_archived_method} names; absent means cpio, as in Solaris archives. */
    public PayloadFormat payloadFormat() throws CorruptArchiveException {
        String method = identification.get(Identification.FILES_ARCHIVED_METHOD);
        try {
            return method == null ? PayloadFormat.CPIO : PayloadFormat.fromKeyword(method);
        } catch (IllegalArgumentException e) {
            throw new CorruptArchiveException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The payload decompressed as {@code files_compressed_method} says, after checking that the
     * payload's magic agrees. Reading it to its end also verifies the stored bytes as
     * {@link PayloadStream#verify()} does; for a flar-format archive it never yields more bytes
     * than {@code payload_size} and checks that it yielded exactly that many (a decompression
     * bomb stops at the size the archive declared).
     */
    public InputStream payloadDecompressed() throws IOException {
        String method = identification.get(Identification.FILES_COMPRESSED_METHOD);
        Compression declared = method == null ? Compression.NONE : FlarKeywords.compression(name, method);
        PayloadStream raw = payload();
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(Compression.MAGIC_LENGTH);
        byte[] head = buffered.readNBytes(Compression.MAGIC_LENGTH);
        buffered.reset();
        Compression actual = Compression.detect(head);
        String unsupported = Compression.unsupported(head);
        if (actual == Compression.NONE && unsupported != null) {
            throw new CorruptArchiveException(name + ": unsupported compression: the payload is " + unsupported
                    + " (files_compressed_method says " + declared.keyword() + ")");
        }
        if (actual != declared) {
            String is = head.length == 0 ? "empty" : actual == Compression.NONE ? "not compressed" : actual.keyword();
            throw new CorruptArchiveException(name + ": archive says " + declared.keyword() + " but payload is " + is);
        }
        long size = isFlarFormat() ? FlarKeywords.number(identification, Identification.PAYLOAD_SIZE) : -1;
        return new VerifiedEnd(declared.decompress(buffered), raw, name, size);
    }

    @Override
    public void close() throws IOException {
        for (SectionSpool s : sections.values()) {
            s.close();
        }
    }

    private SectionSpool spool(String section) {
        SectionSpool s = sections.get(section);
        if (s == null) {
            throw new IllegalArgumentException(name + ": no text section '" + section + "'");
        }
        return s;
    }
}
