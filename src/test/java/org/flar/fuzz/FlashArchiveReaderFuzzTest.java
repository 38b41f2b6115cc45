package org.flar.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.flar.format.CorruptArchiveException;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveReader;
import org.flar.format.ManifestReader;
import org.flar.format.MetadataSection;

/**
 * A whole archive file through the container reader: every text section, the manifest, a
 * differential's metadata check and the decompressed payload, or a CorruptArchiveException.
 * Random bytes rarely carry valid checksums, so this mostly explores Solaris archives (no
 * {@code flar_format}, nothing required); {@link CheckedArchiveFuzzTest} signs its input.
 */
class FlashArchiveReaderFuzzTest {

    @FuzzTest
    void read(byte[] data) throws IOException {
        if (FuzzInput.tooLarge(data)) {
            return;
        }
        try (FlashArchiveReader archive = FlashArchiveReader.open(new ByteArrayInputStream(data), "fuzz.flar")) {
            for (String name : archive.sectionNames()) {
                if (!name.equals(FlashArchive.ARCHIVE)) {
                    archive.section(name);
                }
            }
            if (archive.hasSection(FlashArchive.MANIFEST)) {
                try (ManifestReader manifest = archive.manifest()) {
                    while (manifest.next() != null) {
                        // every line parsed and ordered
                    }
                }
            }
            MetadataSection.check(archive);
            FuzzInput.drain(archive.payloadDecompressed());
        } catch (CorruptArchiveException expected) {
            // the documented refusal
        }
    }
}
