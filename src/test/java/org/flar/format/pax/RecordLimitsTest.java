package org.flar.format.pax;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flar.format.CorruptArchiveException;
import org.junit.jupiter.api.Test;

/** Counts a pax header claims are bounded before they cost memory out of proportion to their bytes. */
class RecordLimitsTest {

    @Test
    void tinyRecordsAreCountedNotJustTheirBytes() throws CorruptArchiveException {
        assertThat(PaxRecords.parse(records(PaxRecords.MAX_RECORDS), "e").all()).hasSize(PaxRecords.MAX_RECORDS);
        assertThatThrownBy(() -> PaxRecords.parse(records(PaxRecords.MAX_RECORDS + 1), "e"))
                .isInstanceOf(CorruptArchiveException.class)
                .hasMessage("more than " + PaxRecords.MAX_RECORDS + " pax records in entry 'e'");
    }

    @Test
    void aSparse01MapIsCountedBeforeItIsSplit() {
        String commas = ",".repeat(2 * SparseMapCodec.MAX_SEGMENTS + 1);
        assertThatThrownBy(() -> SparseMapCodec.parse01(commas, "e")).isInstanceOf(CorruptArchiveException.class)
                .hasMessage("malformed sparse map in entry 'e'");
        assertThatThrownBy(() -> SparseMapCodec.parse01("0,1,2", "e")).isInstanceOf(CorruptArchiveException.class);
    }

    private static byte[] records(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String r = " k" + Integer.toString(i, 36) + "=\n";
            int len = r.length() + 1;
            len = Integer.toString(len).length() + r.length();
            b.append(len).append(r);
        }
        return b.toString().getBytes(US_ASCII);
    }
}
