package org.flar.format.pax;

import java.util.LinkedHashMap;
import java.util.Map;
import org.flar.format.CorruptArchiveException;

/** The pax records and GNU long names read so far for the entry whose ustar header comes next. */
final class PendingHeaders {
    private final Map<String, byte[]> records = new LinkedHashMap<>();
    private long bytes;
    private byte[] longName;
    private byte[] longLink;

    boolean isEmpty() {
        return records.isEmpty() && longName == null && longLink == null;
    }

    void add(PaxRecords parsed, int size, String context) throws CorruptArchiveException {
        count(size, context);
        records.putAll(parsed.all());
        if (records.size() > PaxRecords.MAX_RECORDS) {
            throw new CorruptArchiveException("extended headers of entry '" + context + "' have more than "
                    + PaxRecords.MAX_RECORDS + " records");
        }
    }

    void longName(byte[] name, String context) throws CorruptArchiveException {
        count(name.length, context);
        longName = name;
    }

    void longLink(byte[] name, String context) throws CorruptArchiveException {
        count(name.length, context);
        longLink = name;
    }

    /** Several extended headers in a row are merged; together they get the bound one gets. */
    private void count(int size, String context) throws CorruptArchiveException {
        bytes += size;
        if (bytes > PaxReader.MAX_HEADER) {
            throw new CorruptArchiveException("extended headers of entry '" + context + "' exceed "
                    + PaxReader.MAX_HEADER + " bytes");
        }
    }

    Map<String, byte[]> records() {
        return records;
    }

    /** A record's value; an empty value means the keyword is unset, as in POSIX. */
    byte[] value(String key) {
        byte[] v = records.get(key);
        return v == null || v.length == 0 ? null : v;
    }

    byte[] longName() {
        return longName;
    }

    byte[] longLink() {
        return longLink;
    }

    /** The best name for messages about the header in {@code block}, before anything is validated. */
    String nameForMessages(byte[] block, long offset) {
        byte[] name = value("GNU.sparse.name");
        if (name == null) {
            name = value("path");
        }
        if (name == null) {
            name = longName;
        }
        if (name == null) {
            name = UstarHeader.rawName(block);
        }
        return name.length == 0 ? "(no name) at offset " + offset : Text.lossy(name);
    }
}
