package org.flar.format.pax;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flar.format.CorruptArchiveException;

/**
 * The records of one pax extended header, {@code "LENGTH KEY=VALUE\n"}, values as raw bytes:
 * xattr values are binary and a record's length prefix makes any byte legal. A later record
 * for the same key replaces an earlier one.
 */
final class PaxRecords {
    /**
     * Records of one entry's extended headers together. Their bytes are bounded by
     * {@link PaxReader#MAX_HEADER}, but a map entry costs far more memory than a 5-byte record
     * ("5 a=\n"): without a count 16 MiB of tiny records would take hundreds of MiB. An entry
     * needs a dozen records plus its xattrs, which Linux bounds to 64 KiB of names.
     */
    static final int MAX_RECORDS = 1 << 16;

    private final Map<String, byte[]> records = new LinkedHashMap<>();

    private PaxRecords() {
    }

    static PaxRecords parse(byte[] data, String context) throws CorruptArchiveException {
        PaxRecords result = new PaxRecords();
        int pos = 0;
        while (pos < data.length) {
            if (data[pos] == 0) {
                // Some writers pad the header data with NULs; anything else after them is damage.
                for (int i = pos; i < data.length; i++) {
                    if (data[i] != 0) {
                        throw malformed(context);
                    }
                }
                break;
            }
            int i = pos;
            int length = 0;
            while (i < data.length && data[i] >= '0' && data[i] <= '9') {
                length = length * 10 + (data[i] - '0');
                if (length > data.length) {
                    throw malformed(context);
                }
                i++;
            }
            int end = pos + length;
            if (i == pos || i >= data.length || data[i] != ' ' || length < i - pos + 3
                    || end > data.length || data[end - 1] != '\n') {
                throw malformed(context);
            }
            int keyStart = i + 1;
            int eq = keyStart;
            while (eq < end - 1 && data[eq] != '=') {
                eq++;
            }
            if (eq == keyStart || eq == end - 1) {
                throw malformed(context);
            }
            if (result.records.size() == MAX_RECORDS) {
                throw new CorruptArchiveException("more than " + MAX_RECORDS + " pax records in entry '" + context + "'");
            }
            String key = Text.decode(Arrays.copyOfRange(data, keyStart, eq), "pax keyword", context);
            result.records.put(key, Arrays.copyOfRange(data, eq + 1, end - 1));
            pos = end;
        }
        return result;
    }

    private static CorruptArchiveException malformed(String context) {
        return new CorruptArchiveException("malformed pax record in entry '" + context + "'");
    }

    byte[] get(String key) {
        return records.get(key);
    }

    Map<String, byte[]> all() {
        return records;
    }
}
