package org.flar.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.format.CheckedArchive;
import org.flar.format.Identification;
import org.flar.identity.bundle.IdentitySection;
import org.flar.progress.Progress;
import org.flar.signature.TrustedKeys;
import java.nio.file.Path;

/** Checks every checksum of an archive — sections, each file, the whole payload — writing nothing. */
public final class Verifier {
    private final Progress progress;
    private TrustedKeys trust = TrustedKeys.none();
    private Path detached;
    private Path file;

    public Verifier(Progress progress) {
        this.progress = progress;
    }

    /**
     * Requires a signature by one of {@code keys}: the archive's own, or, when it has none,
     * {@code detachedSignature} (minisign -S's over the whole file; may be null).
     */
    public Verifier trusting(TrustedKeys keys, Path archiveFile, Path detachedSignature) {
        this.trust = keys;
        this.detached = detachedSignature;
        this.file = archiveFile;
        return this;
    }

    public VerifyResult verify(InputStream in, String archiveName) throws IOException {
        try (CheckedArchive archive = CheckedArchive.open(in, archiveName)) {
            String signedBy = TrustedKeys.signer(archive.archive());
            if (trust.required()) {
                if (signedBy == null && detached != null) {
                    trust.checkDetached(file, detached);
                    signedBy = "detached " + detached;
                } else {
                    trust.check(archive.archive());
                }
            }
            // The checks deploy makes before its first write: CheckedArchive ran the archive's own (Preflight).
            IdentitySection.check(archive.archive());
            long metadataOnly = archive.archive().preflight().metadataOnly();
            long bytes = 0;
            long files = 0;
            progress.phase("verify", -1);
            Entry e;
            while ((e = archive.next()) != null) {
                if (e.type() == EntryType.FILE) {
                    archive.content().transferTo(OutputStream.nullOutputStream());
                    archive.verifyContent();
                    files++;
                    bytes += e.size();
                }
                progress.entry(e.path(), e.storedSize());
            }
            return new VerifyResult(archive.entries(), files, bytes, metadataOnly, archive.identification().get(Identification.ARCHIVE_ID),
                    signedBy, trust.required());
        }
    }

    /**
     * @param bytes        logical bytes of file content checked
     * @param metadataOnly a differential's files carried without content (metadata section), checked against its base section
     * @param signedBy     the key id of the archive's signature (or the detached one checked), null when unsigned
     * @param signatureChecked whether the signature was verified against trusted keys
     */
    public record VerifyResult(long entries, long files, long bytes, long metadataOnly, String archiveId, String signedBy,
                               boolean signatureChecked) {
    }
}
