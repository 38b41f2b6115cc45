package org.flar.format.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.flar.format.CorruptArchiveException;
import org.junit.jupiter.api.Test;

/** gzip payloads end with their last member: GZIPInputStream would ignore what follows it. */
class StrictGzipTest {

    @Test
    void membersFollowingEachOtherAreOneStream() throws IOException {
        byte[] two = concat(gzip("first ".getBytes()), gzip("second".getBytes()));
        assertThat(read(two)).isEqualTo("first second".getBytes());
    }

    @Test
    void anythingButAMemberAfterTheLastIsRefused() {
        byte[] z = gzip("content".getBytes());
        for (byte[] tail : new byte[][] {{0}, "junk".getBytes(), {0x1f}}) {
            assertThatThrownBy(() -> read(concat(z, tail))).isInstanceOf(CorruptArchiveException.class);
        }
    }

    @Test
    void aDamagedCrcOrACutStreamIsRefused() {
        byte[] z = gzip("content".getBytes());
        byte[] badCrc = z.clone();
        badCrc[badCrc.length - 8] ^= 1;
        assertThatThrownBy(() -> read(badCrc)).isInstanceOf(CorruptArchiveException.class).hasMessageContaining("CRC-32");
        assertThatThrownBy(() -> read(Arrays.copyOf(z, z.length - 3))).isInstanceOf(CorruptArchiveException.class);
    }

    private static byte[] read(byte[] stored) throws IOException {
        return Compression.GZIP.decompress(new ByteArrayInputStream(stored)).readAllBytes();
    }

    private static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(b)) {
                z.write(data);
            }
            return b.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
