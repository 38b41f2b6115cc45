package org.flar.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flar.entry.Entry;

/**
 * Everything an archive's text sections show, checked once, before its payload is read and
 * anything is written; {@code verify} and {@code deploy} both get it through
 * {@link CheckedArchive}, so neither passes what the other refuses. The checks: the type is
 * FULL or DIFFERENTIAL; the state id matches {@code state_sha256}; the manifest's root, symlinks
 * and hardlinks ({@link ManifestCheck}); the deployment scripts ({@link ScriptSection}); and for a differential its base, deletions and
 * metadata sections agree with each other.
 *
 * @param differential whether the archive applies onto its base rather than onto anything
 * @param stateId      the state the archive leaves a target in ({@link StateId})
 * @param deletions    a differential's deletions, checked, in manifest order
 * @param metadataOnly a differential's files that travel without their content
 */
public record Preflight(boolean differential, String stateId, List<String> deletions, long metadataOnly) {

    static Preflight of(FlashArchiveReader archive) throws IOException {
        String type = archive.identification().get(Identification.TYPE);
        if (archive.isFlarFormat() && !Identification.FULL.equals(type) && !Identification.DIFFERENTIAL.equals(type)) {
            throw new CorruptArchiveException(archive.name() + ": type " + (type == null ? "is missing"
                    : "'" + Show.line(type) + "' is neither " + Identification.FULL + " nor " + Identification.DIFFERENTIAL));
        }
        boolean differential = StateId.isDifferential(archive.identification());
        String stateId = StateId.of(archive);
        ManifestCheck.check(archive, differential);
        for (String scripts : ScriptSection.SECTIONS) {
            ScriptSection.read(archive, scripts);
        }
        if (!differential) {
            return new Preflight(false, stateId, List.of(), 0);
        }
        if (!archive.hasSection(FlashArchive.BASE)) {
            throw new CorruptArchiveException(archive.name() + ": differential archive has no base section: it cannot be checked");
        }
        List<String> deletions = DeletionsSection.read(archive, basePaths(archive));
        long metadataOnly = MetadataSection.check(archive);
        try (MetadataSection meta = MetadataSection.open(archive)) {
            for (Entry e; (e = meta.next()) != null; ) {
                if (Collections.binarySearch(deletions, e.path(), ArchivePaths::compare) >= 0) {
                    throw new CorruptArchiveException(archive.name() + ": metadata-only entry '" + e.path() + "' is deleted too");
                }
            }
        }
        return new Preflight(true, stateId, List.copyOf(deletions), metadataOnly);
    }

    private static Set<String> basePaths(FlashArchiveReader archive) throws IOException {
        Set<String> paths = new HashSet<>();
        try (InputStream in = archive.sectionStream(FlashArchive.BASE);
             ManifestReader base = new ManifestReader(in, archive.name() + " (base)", -1)) {
            for (ManifestEntry m; (m = base.next()) != null; ) {
                paths.add(m.path());
            }
        }
        return paths;
    }
}
