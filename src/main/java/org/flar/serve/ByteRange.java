package org.flar.serve;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One range of a {@code Range: bytes=...} request (RFC 9110 14.1.2), from (inclusive) to
 * (exclusive), fitted to the file's size. Only a single range is served: that is what resuming
 * readers (flar's, curl's, aria2's) ask for; a multi-range request gets the whole file, which
 * RFC 9110 allows.
 */
record ByteRange(long from, long to) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    /** Thrown for a range that starts at or past the end: 416, with the size. */
    static final class Unsatisfiable extends Exception {
        Unsatisfiable(String message) {
            super(message);
        }
    }

    long length() {
        return to - from;
    }

    /** @return the range asked for, or null for the whole file (no header, several ranges, or one not understood) */
    static ByteRange parse(String header, long size) throws Unsatisfiable {
        if (header == null) {
            return null;
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        try {
            if (m.group(1).isEmpty()) { // the last N bytes
                long n = Long.parseLong(m.group(2));
                if (n == 0) {
                    throw new Unsatisfiable("an empty suffix range");
                }
                return new ByteRange(Math.max(0, size - n), size);
            }
            long from = Long.parseLong(m.group(1));
            if (from >= size) {
                throw new Unsatisfiable("bytes " + from + "- of " + size);
            }
            long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
            if (last < from) {
                return null; // invalid: ignored, as RFC 9110 says
            }
            return new ByteRange(from, Math.min(last, size - 1) + 1);
        } catch (NumberFormatException e) {
            return null; // more digits than a long: not a range we understand
        }
    }
}
