package org.flar.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.flar.format.CorruptArchiveException;
import org.flar.format.cpio.NewcReader;

/** An uncompressed newc (or crc) cpio payload: every entry and its content, or a CorruptArchiveException. */
class NewcReaderFuzzTest {

    @FuzzTest
    void read(byte[] data) throws IOException {
        if (FuzzInput.tooLarge(data)) {
            return;
        }
        try (NewcReader cpio = new NewcReader(new ByteArrayInputStream(data))) {
            while (cpio.next() != null) {
                FuzzInput.drain(cpio.content());
            }
        } catch (CorruptArchiveException expected) {
            // the documented refusal
        }
    }
}
