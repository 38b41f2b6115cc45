package org.flar.identity.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.flar.format.CorruptArchiveException;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveReader;
import org.flar.format.Identification;

/**
 * The archive's {@code identity} section: the identity bundle file in base64, lines of 76
 * characters, so that it is text like every section ({@code flar split} then
 * {@code base64 -d identity} gives the bundle file back).
 */
public final class IdentitySection {
    private IdentitySection() {
    }

    /** The section's text for a bundle file's bytes: for capture, which writes the section. */
    public static byte[] encode(byte[] bundle) {
        String b = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(bundle);
        return (b + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Checks the archive's identity section, when it has one, as its recovery would use it: the
     * bundle whole (every checksum and name) and bound to this archive. Verify and deploy both run
     * this before the payload, so a foreign or damaged identity refuses the archive before
     * anything is written. Returns the opened bundle in {@code file}, or null without a section.
     */
    public static IdentityBundle check(FlashArchiveReader archive, Path file) throws IOException {
        if (!archive.hasSection(FlashArchive.IDENTITY)) {
            return null;
        }
        IdentityBundle bundle = open(archive.section(FlashArchive.IDENTITY), archive.name(), file);
        String archiveId = archive.identification().get(Identification.ARCHIVE_ID);
        if (!bundle.archiveId().equals(archiveId)) {
            throw new ForeignBundleException(archive.name() + ": identity section is bound to archive "
                    + (bundle.archiveId().isEmpty() ? "(none)" : bundle.archiveId()) + ", not to this one (" + archiveId
                    + "); nothing was changed");
        }
        return bundle;
    }

    /** Checks the section of an archive that is only verified: the bundle is made in a temporary file and removed. */
    public static void check(FlashArchiveReader archive) throws IOException {
        if (!archive.hasSection(FlashArchive.IDENTITY)) {
            return;
        }
        Path tmp = Files.createTempFile(".flar-identity-", ".bundle");
        try {
            check(archive, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
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
