package org.flar.format.pax;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flar.entry.SparseMap;
import org.flar.entry.SparseMap.Segment;
import org.flar.format.CorruptArchiveException;

/**
 * GNU sparse maps. Format 1.0 keeps the map at the front of the entry data as decimal lines
 * (count, then offset and length per segment) padded to 512 bytes; 0.1 keeps it in the
 * GNU.sparse.map record as "offset,length,...".
 *
 * <p>GNU tar marks a file that ends in a hole with a last, empty segment at the file size (it
 * truncates the file there on extraction). The writer adds that segment and the reader drops
 * it, so a {@link SparseMap} lists data segments only, as SEEK_DATA/SEEK_HOLE find them.
 */
final class SparseMapCodec {
    /** More segments than this are refused on reading and writing: the map is held in memory. */
    static final int MAX_SEGMENTS = 1 << 20;

    private SparseMapCodec() {
    }

    /** The segments to store: the map's, plus GNU's empty segment at the size for a trailing hole. */
    static List<Segment> stored(SparseMap map) {
        List<Segment> segments = map.segments();
        long end = segments.isEmpty() ? 0 : segments.getLast().end();
        if (end == map.realSize()) {
            return segments;
        }
        List<Segment> withTerminal = new ArrayList<>(segments);
        withTerminal.add(new Segment(map.realSize(), 0));
        return withTerminal;
    }

    /** Format 1.0 map text, NUL-padded to a whole number of blocks. */
    static byte[] encode(List<Segment> segments) {
        StringBuilder text = new StringBuilder(16 + segments.size() * 24);
        text.append(segments.size()).append('\n');
        for (Segment s : segments) {
            text.append(s.offset()).append('\n').append(s.length()).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        int blocks = (bytes.length + UstarHeader.BLOCK - 1) / UstarHeader.BLOCK;
        return Arrays.copyOf(bytes, blocks * UstarHeader.BLOCK);
    }

    /** A format 1.0 map read from the front of the entry data, and how many bytes of it the map took. */
    record Read(long[] pairs, int count, long bytes) {
    }

    /** Reads whole blocks until the map is complete; never more than {@code dataSize} bytes. */
    static Read read(BlockInput in, long dataSize, String context) throws IOException {
        byte[] block = new byte[UstarHeader.BLOCK];
        long consumed = 0;
        long[] numbers = new long[16];
        int have = 0;
        long needed = -1; // 1 + 2 * count once the count is known
        long value = 0;
        int digits = 0;
        while (needed < 0 || have < needed) {
            if (consumed + UstarHeader.BLOCK > dataSize) {
                throw new CorruptArchiveException("sparse map runs past the data of entry '" + context + "'");
            }
            if (in.readFully(block, 0, UstarHeader.BLOCK) < UstarHeader.BLOCK) {
                throw new CorruptArchiveException("truncated in entry '" + context + "'");
            }
            consumed += UstarHeader.BLOCK;
            for (int i = 0; i < UstarHeader.BLOCK && (needed < 0 || have < needed); i++) {
                byte b = block[i];
                if (b >= '0' && b <= '9') {
                    digits++;
                    try {
                        value = Math.addExact(Math.multiplyExact(value, 10), b - '0');
                    } catch (ArithmeticException e) {
                        throw badMap(context);
                    }
                } else if (b == '\n' && digits > 0) {
                    if (needed < 0) {
                        if (value > MAX_SEGMENTS) {
                            throw new CorruptArchiveException("sparse map of entry '" + context + "' has "
                                    + value + " segments, more than " + MAX_SEGMENTS);
                        }
                        needed = 1 + 2 * value;
                        numbers = new long[(int) Math.min(2 * value, 1 << 12)];
                    } else {
                        if (have - 1 == numbers.length) {
                            numbers = Arrays.copyOf(numbers, numbers.length * 2);
                        }
                        numbers[have - 1] = value;
                    }
                    have++;
                    value = 0;
                    digits = 0;
                } else {
                    throw badMap(context);
                }
            }
        }
        return new Read(numbers, (int) (needed / 2), consumed);
    }

    /** Format 0.1: "offset,length,offset,length...". */
    static Read parse01(String text, String context) throws CorruptArchiveException {
        if (text.isEmpty()) {
            return new Read(new long[0], 0, 0);
        }
        // Counted before splitting: a 16 MiB record of commas would otherwise become 16 million strings.
        long commas = text.chars().filter(c -> c == ',').count();
        if (commas % 2 == 0 || (commas + 1) / 2 > MAX_SEGMENTS) {
            throw badMap(context);
        }
        String[] parts = text.split(",", -1);
        long[] numbers = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            numbers[i] = PaxNumbers.parse(parts[i], "GNU.sparse.map", context);
        }
        return new Read(numbers, parts.length / 2, 0);
    }

    /** Checks order and bounds, then drops GNU's empty last segment at the size. */
    static SparseMap toMap(Read read, long realSize, String context) throws CorruptArchiveException {
        List<Segment> segments = new ArrayList<>(read.count());
        long previousEnd = 0;
        for (int i = 0; i < read.count(); i++) {
            long offset = read.pairs()[2 * i];
            long length = read.pairs()[2 * i + 1];
            if (offset < previousEnd || length > realSize - offset) {
                throw new CorruptArchiveException("sparse map of entry '" + context
                        + "' is unordered, overlaps or passes the file size");
            }
            previousEnd = offset + length;
            segments.add(new Segment(offset, length));
        }
        if (!segments.isEmpty() && segments.getLast().length() == 0 && segments.getLast().offset() == realSize) {
            segments.removeLast();
        }
        return new SparseMap(segments, realSize);
    }

    private static CorruptArchiveException badMap(String context) {
        return new CorruptArchiveException("malformed sparse map in entry '" + context + "'");
    }
}
