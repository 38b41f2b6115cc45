package org.flar.format.pax;

import org.flar.format.CorruptArchiveException;

/**
 * pax time values, {@code [-]SECONDS[.FRACTION]}. The sign applies to the whole number, as POSIX
 * and GNU tar have it: {@code -1.500000000} is 1.5 s before the epoch. (libarchive 3.6 writes
 * floor seconds with a positive fraction instead, {@code -2.5} for the same instant; GNU tar
 * and flar read that as 2.5 s before the epoch.)
 */
final class PaxTime {
    private static final long NS = 1_000_000_000L;

    private PaxTime() {
    }

    static String format(long nanos) {
        if (nanos >= 0) {
            return (nanos / NS) + "." + fraction(nanos % NS);
        }
        // -nanos as unsigned, so Long.MIN_VALUE works too
        long magnitude = -nanos;
        return "-" + Long.toUnsignedString(Long.divideUnsigned(magnitude, NS)) + "."
                + fraction(Long.remainderUnsigned(magnitude, NS));
    }

    private static String fraction(long ns) {
        String digits = Long.toString(ns);
        return "0".repeat(9 - digits.length()) + digits;
    }

    /** Nanoseconds since the epoch; digits past the ninth of the fraction are dropped. */
    static long parse(String value, String field, String context) throws CorruptArchiveException {
        int i = 0;
        boolean negative = value.startsWith("-");
        if (negative) {
            i++;
        }
        int start = i;
        long seconds = 0;
        try {
            for (; i < value.length() && isDigit(value.charAt(i)); i++) {
                seconds = Math.addExact(Math.multiplyExact(seconds, 10), value.charAt(i) - '0');
            }
            if (i == start) {
                throw bad(value, field, context);
            }
            long ns = 0;
            if (i < value.length()) {
                if (value.charAt(i) != '.' || i + 1 == value.length()) {
                    throw bad(value, field, context);
                }
                long scale = NS / 10;
                for (i++; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (!isDigit(c)) {
                        throw bad(value, field, context);
                    }
                    ns += (c - '0') * scale;
                    scale /= 10;
                }
            }
            long whole = Math.multiplyExact(seconds, NS);
            return negative ? Math.subtractExact(-whole, ns) : Math.addExact(whole, ns);
        } catch (ArithmeticException e) {
            throw new CorruptArchiveException(field + " '" + Text.clip(value) + "' out of range in entry '" + context + "'");
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static CorruptArchiveException bad(String value, String field, String context) {
        return new CorruptArchiveException("invalid " + field + " '" + Text.clip(value) + "' in entry '" + context + "'");
    }
}
