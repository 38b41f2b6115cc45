package org.flar.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.flar.format.CorruptArchiveException;
import org.flar.format.ManifestEntry;
import org.flar.format.ManifestLine;
import org.flar.format.ManifestReader;

/**
 * Manifest bytes through {@link ManifestReader} (and so {@link ManifestLine#parse}): entries or a
 * CorruptArchiveException; and since each entry has one spelling, every accepted line is exactly
 * what {@link ManifestLine#format} writes for its entry.
 */
class ManifestFuzzTest {

    @FuzzTest
    void read(byte[] data) throws IOException {
        if (FuzzInput.tooLarge(data)) {
            return;
        }
        try (ManifestReader manifest = new ManifestReader(new ByteArrayInputStream(data), "fuzz", -1)) {
            for (ManifestEntry m; (m = manifest.next()) != null; ) {
                assertThat(ManifestLine.format(m)).isEqualTo(manifest.lastLine());
            }
        } catch (CorruptArchiveException expected) {
            // the documented refusal
        }
    }
}
