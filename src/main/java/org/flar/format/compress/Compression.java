package org.flar.format.compress;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/** The payload compressions, named by the identification keyword {@code files_compressed_method}. */
public enum Compression {
    ZSTD("zstd", 3, 1, 22, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}),
    XZ("xz", 6, 0, 9, new byte[] {(byte) 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00}),
    GZIP("gzip", 6, 0, 9, new byte[] {0x1f, (byte) 0x8b}),
    NONE("none", 0, 0, 0, new byte[0]);

    /** Bytes {@link #detect} needs to see. */
    public static final int MAGIC_LENGTH = 6;
    private static final int BUFFER = 1 << 16;
    private static final int ZSTD_JOB_SIZE = 4 << 20;
    /**
     * Decoder memory is bounded whatever a stream's header asks for. zstd: windows up to 2^27
     * (128 MiB), zstd's own default limit and what level 22 uses; flar never writes long mode.
     * xz: 128 MiB of decoder memory, twice what preset 9 (a 64 MiB dictionary) needs: an xz header
     * may ask for a 4 GiB dictionary, which xz-java would allocate up front. gzip needs 32 KiB.
     */
    static final int ZSTD_WINDOW_LOG_MAX = 27;
    static final int XZ_MEMORY_LIMIT_KIB = 128 << 10;
    /** Magics of compressions flar does not read, so that such a payload is named, not misread as pax. */
    private static final java.util.Map<String, byte[]> UNSUPPORTED = java.util.Map.of(
            "lz4", new byte[] {0x04, 0x22, 0x4d, 0x18},
            "compress (.Z)", new byte[] {0x1f, (byte) 0x9d},
            "bzip2", new byte[] {'B', 'Z', 'h'});

    private final String keyword;
    private final int defaultLevel;
    private final int minLevel;
    private final int maxLevel;
    private final byte[] magic;

    Compression(String keyword, int defaultLevel, int minLevel, int maxLevel, byte[] magic) {
        this.keyword = keyword;
        this.defaultLevel = defaultLevel;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
        this.magic = magic;
    }

    public String keyword() {
        return keyword;
    }

    public int defaultLevel() {
        return defaultLevel;
    }

    /** Case-insensitive; Solaris' "compress" is known but refused, as flar has no compress(1) codec. */
    public static Compression fromKeyword(String keyword) {
        for (Compression c : values()) {
            if (c.keyword.equalsIgnoreCase(keyword)) {
                return c;
            }
        }
        String known = Arrays.stream(values()).map(Compression::keyword).collect(Collectors.joining(", "));
        if ("compress".equals(keyword == null ? null : keyword.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("files_compressed_method 'compress' (Solaris compress(1)) is not"
                    + " supported; extract the archive section with 'flar split' and uncompress it (known: " + known + ")");
        }
        throw new IllegalArgumentException("unknown files_compressed_method '" + keyword + "' (known: " + known + ")");
    }

    /**
     * A stream compressing into {@code out}. Closing it ends the compressed stream (the last zstd
     * frame, the xz index, the gzip trailer) but leaves {@code out} open, so an archive can go on
     * after it or its caller can close it.
     *
     * @param level   -1 for the codec's default (zstd 3, xz 6, gzip 6); ignored for NONE
     * @param threads zstd worker threads; 0 or 1 compresses in the calling thread. xz and gzip
     *                compress in the calling thread whatever it says
     */
    public OutputStream compress(OutputStream out, int level, int threads) throws IOException {
        int lvl = level == -1 ? defaultLevel : level;
        if (this != NONE && (lvl < minLevel || lvl > maxLevel)) {
            throw new IllegalArgumentException(keyword + " level " + level + " out of range " + minLevel + ".." + maxLevel);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("negative thread count " + threads);
        }
        OutputStream shielded = new ShieldedOutputStream(out);
        return switch (this) {
            case ZSTD -> {
                ZstdOutputStream z = new ZstdOutputStream(shielded, lvl);
                z.setChecksum(true);
                if (threads > 1) {
                    z.setWorkers(threads);
                    // Half the library's 8 MiB at level 3: its jobs in flight, input and output,
                    // were ~55 MB of a capture's peak RSS; the archive grows by ~0.7 % (bench/run).
                    z.setJobSize(ZSTD_JOB_SIZE);
                }
                yield z;
            }
            case XZ -> {
                try {
                    yield new XZOutputStream(shielded, new LZMA2Options(lvl), org.tukaani.xz.XZ.CHECK_CRC64);
                } catch (UnsupportedOptionsException e) {
                    throw new IllegalArgumentException("xz level " + lvl + ": " + e.getMessage(), e);
                }
            }
            case GZIP -> new LeveledGzipOutputStream(shielded, lvl);
            case NONE -> shielded;
        };
    }

    /**
     * A stream decompressing {@code in}, concatenated frames, streams or members included.
     * Damaged or truncated data surfaces as {@link org.flar.format.CorruptArchiveException};
     * I/O errors of {@code in} pass through unchanged. Closing it closes {@code in}.
     */
    public InputStream decompress(InputStream in) throws IOException {
        if (this == NONE) {
            return in;
        }
        return new DecodingErrors(in, keyword, tap -> switch (this) {
            case ZSTD -> new ZstdInputStream(tap).setLongMax(ZSTD_WINDOW_LOG_MAX);
            case XZ -> new XZInputStream(tap, XZ_MEMORY_LIMIT_KIB);
            case GZIP -> new GzipMembers(tap);
            case NONE -> throw new AssertionError();
        });
    }

    /** The name of a compression flar cannot read whose magic {@code firstBytes} starts with, or null. */
    public static String unsupported(byte[] firstBytes) {
        for (java.util.Map.Entry<String, byte[]> m : UNSUPPORTED.entrySet()) {
            byte[] magic = m.getValue();
            if (firstBytes.length >= magic.length && Arrays.equals(firstBytes, 0, magic.length, magic, 0, magic.length)) {
                return m.getKey();
            }
        }
        return null;
    }

    /** The compression whose magic {@code firstBytes} starts with, or NONE. */
    public static Compression detect(byte[] firstBytes) {
        for (Compression c : values()) {
            if (c != NONE && firstBytes.length >= c.magic.length
                    && Arrays.equals(firstBytes, 0, c.magic.length, c.magic, 0, c.magic.length)) {
                return c;
            }
        }
        return NONE;
    }

    private static final class LeveledGzipOutputStream extends GZIPOutputStream {
        LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
            super(out, BUFFER);
            def.setLevel(level);
        }
    }
}
