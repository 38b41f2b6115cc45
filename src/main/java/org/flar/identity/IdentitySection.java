package org.flar.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.flar.format.CorruptArchiveException;

/**
 * The archive's {@code identity} section: the identity bundle file in base64, lines of 76
 * characters, so that it is text like every section ({@code flar split} then
 * {@code base64 -d identity} gives the bundle file back).
 */
public final class IdentitySection {
    private IdentitySection() {
    }

    static byte[] encode(byte[] bundle) {
        String b = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(bundle);
        return (b + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes the section's bundle to {@code file} and opens (checks) it. */
    public static IdentityBundle open(byte[] section, String archiveName, Path file) throws IOException {
        byte[] bundle;
        try {
            bundle = Base64.getMimeDecoder().decode(section);
        } catch (IllegalArgumentException bad) {
            throw new CorruptArchiveException(archiveName + ": identity section is not base64: " + bad.getMessage());
        }
        Files.write(file, bundle);
        try {
            return IdentityBundle.open(file);
        } catch (CorruptArchiveException bad) {
            throw new CorruptArchiveException(archiveName + ": identity section: " + bad.getMessage(), bad);
        }
    }
}
