package org.flar.format.pax;

import org.flar.format.CorruptArchiveException;

/** Decimal numbers in pax records: digits only, no sign, within a long. */
final class PaxNumbers {
    private PaxNumbers() {
    }

    static long parse(String value, String field, String context) throws CorruptArchiveException {
        if (value.isEmpty()) {
            throw bad(value, field, context);
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(value, field, context);
            }
            try {
                n = Math.addExact(Math.multiplyExact(n, 10), c - '0');
            } catch (ArithmeticException e) {
                throw bad(value, field, context);
            }
        }
        return n;
    }

    private static CorruptArchiveException bad(String value, String field, String context) {
        return new CorruptArchiveException("invalid " + field + " '" + Text.clip(value) + "' in entry '"
                + context + "'");
    }
}
