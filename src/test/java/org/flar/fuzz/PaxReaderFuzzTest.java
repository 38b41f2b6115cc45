package org.flar.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.flar.format.CorruptArchiveException;
import org.flar.format.pax.PaxReader;

/** An uncompressed pax payload: every entry and its content, or a CorruptArchiveException. */
class PaxReaderFuzzTest {

    @FuzzTest
    void read(byte[] data) throws IOException {
        if (FuzzInput.tooLarge(data)) {
            return;
        }
        try (PaxReader pax = new PaxReader(new ByteArrayInputStream(data))) {
            while (pax.next() != null) {
                FuzzInput.drain(pax.content());
            }
        } catch (CorruptArchiveException expected) {
            // the documented refusal
        }
    }
}
