package org.flar.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.flar.entry.Entry;
import org.flar.format.MetadataLine;

/**
 * A line of a differential's metadata section: an entry or an IllegalArgumentException (the
 * documented contract; the section reader adds the line number), and an accepted line is
 * spelt exactly as {@link MetadataLine#format} writes it.
 */
class MetadataLineFuzzTest {

    @FuzzTest
    void parse(byte[] data) {
        if (FuzzInput.tooLarge(data)) {
            return;
        }
        String line = FuzzInput.text(data);
        Entry e;
        try {
            e = MetadataLine.parse(line);
        } catch (IllegalArgumentException expected) {
            return;
        }
        assertThat(MetadataLine.format(e)).isEqualTo(line);
    }
}
