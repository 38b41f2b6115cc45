package org.flar.format.pax;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.flar.entry.Entry;

/** Writes entries to an in-memory payload and reads them back, content included. */
final class Payloads {
    private Payloads() {
    }

    /** An entry and its stored bytes (the segments concatenated for a sparse file). */
    record Item(Entry entry, byte[] content) {
        static Item of(Entry entry) {
            return new Item(entry, new byte[0]);
        }
    }

    static byte[] write(List<Item> items) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PaxWriter w = new PaxWriter(bytes)) {
            for (Item item : items) {
                w.write(item.entry(), item.entry().storedSize() > 0 ? new ByteArrayInputStream(item.content()) : null);
            }
        }
        return bytes.toByteArray();
    }

    static List<Item> read(byte[] payload) throws IOException {
        List<Item> items = new ArrayList<>();
        try (PaxReader r = new PaxReader(new ByteArrayInputStream(payload))) {
            for (Entry e = r.next(); e != null; e = r.next()) {
                items.add(new Item(e, r.content().readAllBytes()));
            }
        }
        return items;
    }
}
