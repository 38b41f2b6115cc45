package org.flar.format;

import org.flar.entry.ContentDigest;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one flash archive: the cookie, the identification, the text sections, then the stored
 * payload.
 *
 * <pre>{@code
 * new FlashArchiveWriter(out)
 *         .identification(id)                 // without section_sha256 / identification_sha256
 *         .section("manifest", manifestFile)  // lines already formatted, each ending in \n
 *         .section("X-notes", bytes)
 *         .payload(storedPayloadFile)         // the compressed payload, as it is to be stored
 *         .write();
 * }</pre>
 *
 * <p>The caller computes {@code archive_id} and the sizes; the writer only checksums the text
 * sections: {@code section_sha256} and {@code identification_sha256} go last into the
 * identification. Since they come before the sections they cover, every section is read twice,
 * once to check and hash it and once to copy it; when {@code out} is a {@link FileOutputStream},
 * files are copied by the kernel ({@link FileChannel#transferTo}). {@code out} is flushed, not closed.
 */
public final class FlashArchiveWriter {

    private static final int BUFFER = 1 << 16;

    private final OutputStream target;
    private Identification identification;
    private final Map<String, Object> sections = new LinkedHashMap<>();
    private Path payload;
    /** 0, or the multiple of bytes the header is padded to (see {@link #alignHeader}). */
    private int alignment;
    /** The identification's bytes, section sums included, once computed: the header's size depends on them. */
    private byte[] id;
    private final Map<String, Long> sizes = new LinkedHashMap<>();

    public FlashArchiveWriter(OutputStream out) {
        this.target = out;
    }

    public FlashArchiveWriter identification(Identification id) {
        for (String k : List.of(Identification.SECTION_SHA256, Identification.IDENTIFICATION_SHA256)) {
            if (id.has(k)) {
                throw new IllegalArgumentException("identification already has " + k + "; the writer computes it");
            }
        }
        id.require(Identification.CONTENT_NAME);
        // An archive's identification written again: its padding fitted the old header, not this one.
        this.identification = id.copy().remove(Identification.FLAR_PADDING);
        return this;
    }

    /** Adds a text section whose content is the whole of {@code content}, in the order of the calls. */
    public FlashArchiveWriter section(String name, Path content) {
        return addSection(name, content);
    }

    public FlashArchiveWriter section(String name, byte[] content) {
        return addSection(name, content.clone());
    }

    /** The archive section's bytes as stored (compressed), copied as they are. */
    public FlashArchiveWriter payload(Path storedPayload) {
        this.payload = storedPayload;
        return this;
    }

    /** Checks and writes the archive; returns the number of bytes written. */
    public long write() throws IOException {
        if (payload == null) {
            throw new IllegalStateException("identification and payload are required");
        }
        long payloadSize = Files.size(payload);
        long written = writeHeader(payloadSize);
        BufferedOutputStream out = new BufferedOutputStream(target, BUFFER);
        written += copy(payload, payloadSize, out, FlashArchive.ARCHIVE);
        out.flush();
        return written;
    }

    /**
     * Checks and writes everything before the payload's bytes, through the line
     * {@code section_begin=archive}, for a payload of {@code payloadSize} bytes that the caller
     * stores elsewhere (a volume set puts the payload on its volumes before the text sections are
     * known). The archive is these bytes followed by the payload. Returns the bytes written.
     */
    public long writeHeader(long payloadSize) throws IOException {
        long expected = headerSize(payloadSize);
        BufferedOutputStream out = new BufferedOutputStream(target, BUFFER);
        long written = 0;
        written += text(out, FlashArchive.COOKIE + "\n");
        written += text(out, FlashArchive.BEGIN + FlashArchive.IDENTIFICATION + "\n");
        out.write(id);
        written += id.length;
        written += text(out, FlashArchive.END + FlashArchive.IDENTIFICATION + "\n");
        for (Map.Entry<String, Object> s : sections.entrySet()) {
            written += text(out, FlashArchive.BEGIN + s.getKey() + "\n");
            written += copy(s.getValue(), sizes.get(s.getKey()), out, s.getKey());
            written += text(out, FlashArchive.END + s.getKey() + "\n");
        }
        written += text(out, FlashArchive.BEGIN + FlashArchive.ARCHIVE + "\n");
        out.flush();
        if (written != expected) {
            throw new IllegalStateException("header of " + written + " bytes, " + expected + " announced");
        }
        return written;
    }

    /**
     * Pads the header (everything through {@code section_begin=archive}) to a multiple of
     * {@code blockSize} bytes with a {@code flar_padding} keyword, so that room for it can be
     * made in front of a payload written first ({@code FALLOC_FL_INSERT_RANGE} moves whole blocks).
     */
    public FlashArchiveWriter alignHeader(int blockSize) {
        if (blockSize <= 0 || id != null) {
            throw new IllegalArgumentException("alignment " + blockSize + " (set once, before the header is computed)");
        }
        this.alignment = blockSize;
        return this;
    }

    /**
     * The bytes {@link #writeHeader} writes for a payload of {@code payloadSize} bytes; checks and
     * hashes the text sections (once: the write copies them and checks their sizes).
     */
    public long headerSize(long payloadSize) throws IOException {
        if (identification == null) {
            throw new IllegalStateException("identification is required");
        }
        checkDeclaredSize(payloadSize);
        if (id == null) {
            List<String> sums = new ArrayList<>();
            for (Map.Entry<String, Object> s : sections.entrySet()) {
                TextSectionCheck check = checkSection(s.getKey(), s.getValue());
                sums.add(s.getKey() + ":" + check.finish());
                sizes.put(s.getKey(), check.size());
            }
            String sectionSums = String.join(",", sums);
            byte[] unpadded = identificationContent(sectionSums, null);
            if (alignment == 0) {
                id = unpadded;
            } else {
                int line = Identification.FLAR_PADDING.length() + 2;
                long pad = Math.floorMod(-headerLength(unpadded.length), (long) alignment);
                id = identificationContent(sectionSums, "0".repeat((int) (pad < line ? pad + alignment : pad) - line));
            }
        }
        return headerLength(id.length);
    }

    private long headerLength(long identificationLength) {
        long n = bytes(FlashArchive.COOKIE + "\n") + bytes(FlashArchive.BEGIN + FlashArchive.IDENTIFICATION + "\n")
                + identificationLength + bytes(FlashArchive.END + FlashArchive.IDENTIFICATION + "\n");
        for (Map.Entry<String, Long> s : sizes.entrySet()) {
            n += bytes(FlashArchive.BEGIN + s.getKey() + "\n") + s.getValue() + bytes(FlashArchive.END + s.getKey() + "\n");
        }
        return n + bytes(FlashArchive.BEGIN + FlashArchive.ARCHIVE + "\n");
    }

    private static int bytes(String line) {
        return line.getBytes(UTF_8).length;
    }

    private FlashArchiveWriter addSection(String name, Object content) {
        if (name.equals(FlashArchive.IDENTIFICATION) || name.equals(FlashArchive.ARCHIVE)) {
            throw new IllegalArgumentException("section " + name + " is written by the writer itself");
        }
        if (!FlashArchive.isWritableSectionName(name)) {
            throw new IllegalArgumentException("bad section name '" + name + "': a standard name, or X followed by"
                    + " anything but '=', '/', ',', ':', NUL and line feed");
        }
        if (sections.putIfAbsent(name, content) != null) {
            throw new IllegalArgumentException("section " + name + " given twice");
        }
        return this;
    }

    private void checkDeclaredSize(long payloadSize) {
        String declared = identification.get(Identification.FILES_ARCHIVED_SIZE);
        if (declared != null && !declared.equals(Long.toString(payloadSize))) {
            throw new IllegalArgumentException("files_archived_size=" + declared + " but the payload has "
                    + payloadSize + " bytes");
        }
    }

    private byte[] identificationContent(String sectionSums, String padding) {
        StringBuilder b = new StringBuilder();
        for (String line : identification.lines()) {
            b.append(line).append('\n');
        }
        if (padding != null) {
            b.append(Identification.FLAR_PADDING).append('=').append(padding).append('\n');
        }
        b.append(Identification.SECTION_SHA256).append('=').append(sectionSums).append('\n');
        byte[] covered = b.toString().getBytes(UTF_8);
        String sum = HexFormat.of().formatHex(ContentDigest.newSha256().digest(covered));
        b.append(Identification.IDENTIFICATION_SHA256).append('=').append(sum).append('\n');
        byte[] content = b.toString().getBytes(UTF_8);
        TextSectionCheck check = new TextSectionCheck(FlashArchive.IDENTIFICATION);
        check.update(content, 0, content.length);
        check.finish();
        return content;
    }

    private static TextSectionCheck checkSection(String name, Object content) throws IOException {
        TextSectionCheck check = new TextSectionCheck(name);
        if (content instanceof byte[] bytes) {
            check.update(bytes, 0, bytes.length);
        } else {
            try (InputStream in = Files.newInputStream((Path) content)) {
                byte[] buf = new byte[BUFFER];
                for (int n; (n = in.read(buf)) > 0; ) {
                    check.update(buf, 0, n);
                }
            }
        }
        return check;
    }

    private static long text(OutputStream out, String line) throws IOException {
        byte[] b = line.getBytes(UTF_8);
        out.write(b);
        return b.length;
    }

    /** Copies exactly {@code size} bytes: a file that changed since it was hashed must not slip through. */
    private long copy(Object content, long size, BufferedOutputStream out, String what) throws IOException {
        if (content instanceof byte[] bytes) {
            out.write(bytes);
            return bytes.length;
        }
        Path file = (Path) content;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long done = 0;
            if (target instanceof FileOutputStream fos) {
                out.flush();
                FileChannel dst = fos.getChannel();
                while (done < size) {
                    long n = ch.transferTo(done, size - done, dst);
                    if (n <= 0) {
                        break;
                    }
                    done += n;
                }
            } else {
                ByteBuffer buf = ByteBuffer.allocate(BUFFER);
                while (done < size) {
                    buf.clear().limit((int) Math.min(BUFFER, size - done));
                    int n = ch.read(buf, done);
                    if (n <= 0) {
                        break;
                    }
                    out.write(buf.array(), 0, n);
                    done += n;
                }
            }
            if (done != size || ch.size() != size) {
                throw new IOException(file + " (section " + what + ") changed while the archive was written");
            }
            return done;
        }
    }
}
