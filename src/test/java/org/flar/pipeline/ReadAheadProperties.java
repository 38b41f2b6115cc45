package org.flar.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** ReadAhead reuses its chunks once read: what comes out must still be the source, byte for byte. */
class ReadAheadProperties {

    @Property(tries = 40)
    void readsTheSourceUnchanged(@ForAll @IntRange(min = 0, max = 12 << 20) int length,
                                 @ForAll @IntRange(min = 1, max = 256 << 10) int readSize,
                                 @ForAll long seed) throws IOException {
        readsBack(length, readSize, seed);
    }

    @Test
    void readsManyReusedChunksUnchanged() throws IOException {
        readsBack((20 << 20) + 4321, 4096, 15);
    }

    private static void readsBack(int length, int readSize, long seed) throws IOException {
        byte[] source = new byte[length];
        new Random(seed).nextBytes(source);
        // Short reads, as a decompressor gives.
        InputStream trickling = new java.io.ByteArrayInputStream(source) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 700_001));
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        try (ReadAhead in = new ReadAhead(trickling, "test-read-ahead")) {
            byte[] buf = new byte[readSize];
            for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
                out.write(buf, 0, n);
            }
            assertThat(in.read(buf, 0, 1)).isEqualTo(-1);
        }
        assertThat(out.toByteArray()).isEqualTo(source);
    }

    @Test
    void aFailureOfTheSourceReachesTheReaderUnchanged() throws IOException {
        IOException fire = new IOException("disk on fire");
        InputStream failing = new SequenceInputStream(new java.io.ByteArrayInputStream(new byte[(1 << 20) + 17]),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw fire;
                    }
                });
        try (ReadAhead in = new ReadAhead(failing, "test-read-ahead")) {
            assertThatThrownBy(() -> in.transferTo(java.io.OutputStream.nullOutputStream())).isSameAs(fire);
        }
    }
}
