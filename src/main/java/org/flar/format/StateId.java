package org.flar.format;

import java.io.IOException;

/**
 * Names the state an archive produces: the SHA-256 of that state's manifest, which is the
 * manifest of a full archive and the {@code state} section of a differential. Computed from the
 * section rather than trusted from the keyword, so archives made before the keyword existed
 * have a state id too.
 */
public final class StateId {
    private StateId() {
    }

    public static boolean isDifferential(Identification id) {
        return Identification.DIFFERENTIAL.equals(id.get(Identification.TYPE));
    }

    /** The section holding the full manifest of the archive's resulting state. */
    public static String stateSection(FlashArchiveReader archive) throws CorruptArchiveException {
        if (!isDifferential(archive.identification())) {
            return FlashArchive.MANIFEST;
        }
        if (!archive.hasSection(FlashArchive.STATE)) {
            throw new CorruptArchiveException(archive.name() + ": differential archive has no state section");
        }
        return FlashArchive.STATE;
    }

    public static String of(FlashArchiveReader archive) throws IOException {
        String section = stateSection(archive);
        // Hashed as it was read: hashing it again cost a pass over a manifest of every entry.
        String id = archive.sectionSha256(section);
        String declared = archive.identification().get(Identification.STATE_SHA256);
        if (declared != null && !declared.equals(id)) {
            throw new CorruptArchiveException(archive.name() + ": state_sha256 " + declared + " does not match the "
                    + section + " section (" + id + ")");
        }
        return id;
    }
}
