package org.flar.entry;

import java.util.List;

/**
 * Where a sparse file holds data: the segments in ascending order, everything between them a
 * hole, up to {@code realSize}. The stored content of a sparse entry is its segments' bytes
 * concatenated.
 */
public record SparseMap(List<Segment> segments, long realSize) {

    public record Segment(long offset, long length) {
        public Segment {
            if (offset < 0 || length < 0) {
                throw new IllegalArgumentException("negative sparse segment " + offset + "+" + length);
            }
        }

        public long end() {
            return offset + length;
        }
    }

    public SparseMap {
        segments = List.copyOf(segments);
        long previousEnd = 0;
        for (Segment s : segments) {
            if (s.offset() < previousEnd || s.end() > realSize || s.end() < s.offset()) {
                throw new IllegalArgumentException("sparse segments overlap, are unordered or pass the file size "
                        + realSize + ": " + s);
            }
            previousEnd = s.end();
        }
    }

    /** Bytes actually stored: the sum of the segment lengths. */
    public long storedSize() {
        long n = 0;
        for (Segment s : segments) {
            n += s.length();
        }
        return n;
    }
}
