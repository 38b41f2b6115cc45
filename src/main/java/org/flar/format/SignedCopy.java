package org.flar.format;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Copies an archive with a new signature section: the cookie and the identification as they
 * are, then the signature of the identification's content (a signature section already there
 * is dropped), then every other byte untouched. One pass, so it works on a pipe; nothing that
 * the identification binds changes, so every checksum of the archive still holds.
 */
public final class SignedCopy {
    private SignedCopy() {
    }

    /**
     * @param sign given the identification section's content, returns the signature section's
     *             (lines, each ending in {@code \n})
     * @return the identification, checked as a reader checks it
     */
    public static Identification copy(InputStream in, OutputStream out, String name, UnaryOperator<byte[]> sign)
            throws IOException {
        LineInput lines = new LineInput(in);
        byte[] cookie = line(lines, name, 256, "the cookie");
        if (!new String(cookie, UTF_8).startsWith(FlashArchive.COOKIE_PREFIX)) {
            throw new CorruptArchiveException(name + ": not a flash archive (no FlAsH-aRcHiVe cookie on line 1)");
        }
        expect(lines, name, FlashArchive.BEGIN + FlashArchive.IDENTIFICATION);
        ByteArrayOutputStream id = new ByteArrayOutputStream();
        for (byte[] l; !Arrays.equals(l = line(lines, name, FlashArchive.MAX_LINE, "the identification"),
                (FlashArchive.END + FlashArchive.IDENTIFICATION).getBytes(UTF_8)); ) {
            if (id.size() + l.length + 1 > FlashArchive.MAX_IDENTIFICATION) {
                throw new CorruptArchiveException(name + ": identification section over its limit");
            }
            id.write(l);
            id.write('\n');
        }
        byte[] content = id.toByteArray();
        Identification identification = ArchiveChecks.identification(name, content);
        if (!identification.has(Identification.FLAR_FORMAT)) {
            throw new CorruptArchiveException(name + ": not made by flar (no flar_format): its identification binds no checksums to sign");
        }
        byte[] next = line(lines, name, FlashArchive.MAX_LINE, "a section_begin= line");
        if (Arrays.equals(next, (FlashArchive.BEGIN + FlashArchive.SIGNATURE).getBytes(UTF_8))) {
            while (!Arrays.equals(line(lines, name, FlashArchive.MAX_LINE, "the old signature"),
                    (FlashArchive.END + FlashArchive.SIGNATURE).getBytes(UTF_8))) {
                // the old signature is replaced
            }
            next = line(lines, name, FlashArchive.MAX_LINE, "a section_begin= line");
        }
        byte[] signature = sign.apply(content);
        write(out, cookie);
        write(out, (FlashArchive.BEGIN + FlashArchive.IDENTIFICATION).getBytes(UTF_8));
        out.write(content);
        write(out, (FlashArchive.END + FlashArchive.IDENTIFICATION).getBytes(UTF_8));
        write(out, (FlashArchive.BEGIN + FlashArchive.SIGNATURE).getBytes(UTF_8));
        out.write(signature);
        write(out, (FlashArchive.END + FlashArchive.SIGNATURE).getBytes(UTF_8));
        write(out, next);
        lines.transferTo(out);
        out.flush();
        return identification;
    }

    private static void expect(LineInput lines, String name, String expected) throws IOException {
        byte[] l = line(lines, name, FlashArchive.MAX_LINE, expected);
        if (!Arrays.equals(l, expected.getBytes(UTF_8))) {
            throw new CorruptArchiveException(name + ": line 2 is not " + expected);
        }
    }

    private static byte[] line(LineInput lines, String name, int max, String what) throws IOException {
        try {
            byte[] l = lines.readLine(max);
            if (l == null) {
                throw new CorruptArchiveException(name + ": truncated in " + what);
            }
            return l;
        } catch (LineInput.TooLong | LineInput.Truncated e) {
            throw new CorruptArchiveException(name + ": truncated or over-long line in " + what);
        }
    }

    private static void write(OutputStream out, byte[] line) throws IOException {
        out.write(line);
        out.write('\n');
    }
}
