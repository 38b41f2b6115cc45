package org.flar.format.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.flar.format.CorruptArchiveException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompressionTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void roundTripsAndLeavesTheTargetOpen(Compression c) throws IOException {
        byte[] data = sample(3_000_000);
        ClosingRecorder target = new ClosingRecorder();
        try (OutputStream out = c.compress(target, -1, 0)) {
            out.write(data);
        }
        assertThat(target.closed).isFalse();
        target.write('!');
        byte[] stored = Arrays.copyOf(target.toByteArray(), target.size() - 1);
        assertThat(Compression.detect(stored)).isEqualTo(c);
        assertThat(c.decompress(new ByteArrayInputStream(stored)).readAllBytes()).isEqualTo(data);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"ZSTD", "XZ", "GZIP"})
    void concatenatedStreamsReadAsOne(Compression c) throws IOException {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        for (String part : new String[] {"first frame\n", "second frame\n"}) {
            try (OutputStream out = c.compress(stored, 1, 0)) {
                out.write(part.getBytes());
            }
        }
        assertThat(new String(c.decompress(new ByteArrayInputStream(stored.toByteArray())).readAllBytes()))
                .isEqualTo("first frame\nsecond frame\n");
    }

    @Test
    void multithreadedZstdIsReadByTheZstdTool() throws Exception {
        byte[] data = sample(20_000_000);
        Path file = dir.resolve("p.zst");
        try (OutputStream f = Files.newOutputStream(file); OutputStream out = Compression.ZSTD.compress(f, 5, 4)) {
            out.write(data);
        }
        Process p = new ProcessBuilder("zstd", "-d", "-c", "--no-progress", file.toString()).start();
        byte[] decoded = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        assertThat(decoded).isEqualTo(data);
        // and the frame has a content checksum: zstd -lv reports it
        Process list = new ProcessBuilder("zstd", "-lv", file.toString()).redirectErrorStream(true).start();
        assertThat(new String(list.getInputStream().readAllBytes())).contains("Check: XXH64");
    }

    @Test
    void readsFramesWrittenByTheZstdTool() throws Exception {
        Path a = dir.resolve("a");
        Files.write(a, sample(100_000));
        Path z = dir.resolve("a.zst");
        assertThat(new ProcessBuilder("sh", "-c", "zstd -q -c a > a.zst && zstd -q -c a >> a.zst")
                .directory(dir.toFile()).start().waitFor()).isZero();
        byte[] twice = Compression.ZSTD.decompress(Files.newInputStream(z)).readAllBytes();
        byte[] one = Files.readAllBytes(a);
        assertThat(twice).hasSize(2 * one.length);
        assertThat(Arrays.copyOfRange(twice, one.length, twice.length)).isEqualTo(one);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"ZSTD", "XZ", "GZIP"})
    void damageIsACorruptArchive(Compression c) throws IOException {
        byte[] stored = compress(c, sample(500_000));
        byte[] damaged = stored.clone();
        damaged[damaged.length / 2] ^= 0x40;
        assertThatThrownBy(() -> c.decompress(new ByteArrayInputStream(damaged)).readAllBytes())
                .isInstanceOf(CorruptArchiveException.class).hasMessageContaining(c.keyword());
        byte[] truncated = Arrays.copyOf(stored, stored.length - 7);
        assertThatThrownBy(() -> c.decompress(new ByteArrayInputStream(truncated)).readAllBytes())
                .isInstanceOf(CorruptArchiveException.class);
        byte[] headerDamaged = stored.clone();
        headerDamaged[0] ^= 1;
        assertThatThrownBy(() -> c.decompress(new ByteArrayInputStream(headerDamaged)).readAllBytes())
                .isInstanceOf(CorruptArchiveException.class);
    }

    @Test
    void damagedZstdFrameIsCaughtByItsChecksum() throws IOException {
        // incompressible data is stored raw, so only the frame checksum can notice a flipped bit
        byte[] data = new byte[200_000];
        new Random(7).nextBytes(data);
        byte[] stored = compress(Compression.ZSTD, data);
        stored[stored.length / 2] ^= 1;
        assertThatThrownBy(() -> Compression.ZSTD.decompress(new ByteArrayInputStream(stored)).readAllBytes())
                .isInstanceOf(CorruptArchiveException.class).hasMessageStartingWith("zstd data damaged");
    }

    @Test
    void errorsOfTheSourcePassThroughUnchanged() throws IOException {
        byte[] stored = compress(Compression.ZSTD, sample(1_000_000));
        IOException failure = new IOException("network down");
        InputStream flaky = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n >= 1000) {
                    throw failure;
                }
                return stored[n++] & 0xff;
            }
        };
        assertThatThrownBy(() -> Compression.ZSTD.decompress(flaky).readAllBytes()).isSameAs(failure);
    }

    @Test
    void levelsAndKeywords() throws IOException {
        assertThat(Compression.ZSTD.defaultLevel()).isEqualTo(3);
        assertThat(Compression.XZ.defaultLevel()).isEqualTo(6);
        assertThat(Compression.GZIP.defaultLevel()).isEqualTo(6);
        assertThat(Compression.fromKeyword("ZSTD")).isEqualTo(Compression.ZSTD);
        assertThatThrownBy(() -> Compression.ZSTD.compress(new ByteArrayOutputStream(), 23, 0))
                .hasMessageContaining("out of range 1..22");
        assertThatThrownBy(() -> Compression.fromKeyword("compress"))
                .hasMessageContaining("'compress' (Solaris compress(1)) is not supported");
        assertThatThrownBy(() -> Compression.fromKeyword("lz4"))
                .hasMessage("unknown files_compressed_method 'lz4' (known: zstd, xz, gzip, none)");
        assertThat(Compression.detect(new byte[] {1, 2})).isEqualTo(Compression.NONE);
        assertThat(Compression.detect(new byte[0])).isEqualTo(Compression.NONE);
        assertThat(Compression.detect("070701".getBytes())).isEqualTo(Compression.NONE);
        byte[] best = compress(Compression.XZ, 9, sample(100_000));
        assertThat(Compression.XZ.decompress(new ByteArrayInputStream(best)).readAllBytes()).isEqualTo(sample(100_000));
    }

    private static byte[] compress(Compression c, byte[] data) throws IOException {
        return compress(c, -1, data);
    }

    private static byte[] compress(Compression c, int level, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream out = c.compress(b, level, 0)) {
            out.write(data);
        }
        return b.toByteArray();
    }

    /** Compressible but not trivially so. */
    static byte[] sample(int n) {
        Random r = new Random(n);
        byte[] b = new byte[n];
        String words = "flash archive payload manifest section identification ";
        for (int i = 0; i < n; i++) {
            b[i] = r.nextInt(10) == 0 ? (byte) r.nextInt(256) : (byte) words.charAt((i * 7 + r.nextInt(3)) % words.length());
        }
        return b;
    }

    private static final class ClosingRecorder extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
