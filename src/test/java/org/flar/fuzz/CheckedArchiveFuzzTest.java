package org.flar.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.format.CheckedArchive;
import org.flar.format.CorruptArchiveException;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveWriter;
import org.flar.format.Identification;
import org.flar.format.compress.Compression;

/**
 * A flar archive as deployment reads it: every entry through {@link CheckedArchive} (payload
 * in lockstep with the manifest, every check, each file's content verified as deployment does),
 * or a CorruptArchiveException.
 *
 * <p>Input: one flag byte (its low bits pick {@code files_archived_method}: pax, cpio, none, or
 * an unknown one), the manifest's length as two bytes big-endian,
 * the manifest, then the stored payload. The harness writes the archive around them with the
 * real writer, so identification and section checksums hold, and the fuzzer's mutations reach
 * the payload decoders and the manifest checks instead of dying at a checksum. The payload is
 * declared with the compression its magic says, so damaged zstd, xz and gzip streams are fed too.
 */
class CheckedArchiveFuzzTest {

    /** files_archived_method as the flag byte picks it; null leaves the keyword out (Solaris: cpio). */
    private static final String[] METHODS = {"pax", "cpio", null, "ustar"};

    @FuzzTest
    void read(byte[] data) throws IOException {
        if (FuzzInput.tooLarge(data) || data.length < 3) {
            return;
        }
        int manifestLength = Math.min(((data[1] & 0xff) << 8) | (data[2] & 0xff), data.length - 3);
        byte[] manifest = Arrays.copyOfRange(data, 3, 3 + manifestLength);
        byte[] payload = Arrays.copyOfRange(data, 3 + manifestLength, data.length);
        byte[] archive = archive(METHODS[data[0] & 3], manifest, payload);
        if (archive == null) {
            return;
        }
        try (CheckedArchive checked = CheckedArchive.open(new ByteArrayInputStream(archive), "fuzz.flar")) {
            for (Entry e; (e = checked.next()) != null; ) {
                if (e.type() == EntryType.FILE) {
                    checked.verifyContent();
                }
            }
        } catch (CorruptArchiveException expected) {
            // the documented refusal
        }
    }

    /** The archive's bytes, or null for a manifest no writer would store (the writer refuses it). */
    private static byte[] archive(String format, byte[] manifest, byte[] payload) throws IOException {
        Identification id = new Identification()
                .put(Identification.ARCHIVE_ID, FuzzInput.sha256(payload))
                .put(Identification.FILES_COMPRESSED_METHOD, Compression.detect(head(payload)).keyword())
                .put(Identification.FILES_ARCHIVED_SIZE, Long.toString(payload.length))
                .put(Identification.FILES_UNARCHIVED_SIZE, "0")
                .put(Identification.CREATION_DATE, "20260101120000")
                .put(Identification.CONTENT_NAME, "fuzz")
                .put(Identification.TYPE, "FULL")
                .put(Identification.FLAR_FORMAT, "1")
                .put(Identification.PAYLOAD_ENTRIES, Long.toString(lines(manifest)));
        if (format != null) {
            id.put(Identification.FILES_ARCHIVED_METHOD, format);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new FlashArchiveWriter(out).identification(id).section(FlashArchive.MANIFEST, manifest)
                    .writeHeader(payload.length);
        } catch (IllegalArgumentException notWritable) {
            return null;
        }
        out.write(payload);
        return out.toByteArray();
    }

    private static byte[] head(byte[] payload) {
        return Arrays.copyOf(payload, Math.min(payload.length, Compression.MAGIC_LENGTH));
    }

    private static long lines(byte[] manifest) {
        return new String(manifest, UTF_8).chars().filter(c -> c == '\n').count();
    }
}
