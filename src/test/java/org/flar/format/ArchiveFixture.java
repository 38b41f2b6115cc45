package org.flar.format;

import org.flar.pipeline.HashingOutputStream;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.format.compress.Compression;
import org.flar.format.cpio.NewcWriter;

/** Builds small but real flash archives: a cpio payload of a few entries, its manifest, user sections. */
final class ArchiveFixture {

    final Path dir;
    final List<Entry> entries = new ArrayList<>();
    final Map<String, byte[]> contents = new LinkedHashMap<>();
    final Map<String, byte[]> sections = new LinkedHashMap<>();
    Compression compression = Compression.ZSTD;
    Identification identification;
    byte[] manifest;
    byte[] storedPayload;

    ArchiveFixture(Path dir) throws IOException {
        this.dir = dir;
        add(Entry.builder(".", EntryType.DIRECTORY).mode(0755).mtimeNanos(1_000_000_000L).build(), null);
        add(Entry.builder("etc", EntryType.DIRECTORY).mode(0755).mtimeNanos(2_000_000_000L).build(), null);
        add(file("etc/hostname", "web01\n"), "web01\n");
        add(file("etc/motd", "welcome\n".repeat(50)), "welcome\n".repeat(50));
        add(Entry.builder("etc/motd.link", EntryType.SYMLINK).mode(0777).mtimeNanos(3_000_000_000L)
                .linkTarget("motd").build(), null);
        sections.put("predeployment", "#!/bin/sh\necho pre\n".getBytes(UTF_8));
        sections.put("X-notes", "free text\nsecond line with = and , and \\\n".getBytes(UTF_8));
    }

    static Entry file(String path, String content) throws IOException {
        byte[] b = content.getBytes(UTF_8);
        return Entry.builder(path, EntryType.FILE).mode(0644).owner(0, 0).mtimeNanos(4_000_000_000L)
                .size(b.length).sha256(sha(b)).build();
    }

    void add(Entry e, String content) {
        entries.add(e);
        if (content != null) {
            contents.put(e.path(), content.getBytes(UTF_8));
        }
    }

    /** Builds manifest, payload and identification from the entries. */
    ArchiveFixture build() throws IOException {
        StringBuilder m = new StringBuilder();
        for (Entry e : entries) {
            m.append(ManifestLine.format(e)).append('\n');
        }
        manifest = m.toString().getBytes(UTF_8);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        long unarchived = 0;
        HashingOutputStream[] counted = new HashingOutputStream[1];
        try (OutputStream z = compression.compress(payload, -1, 0);
             NewcWriter cpio = new NewcWriter(counted[0] = new HashingOutputStream(z, null))) {
            for (Entry e : entries) {
                byte[] c = contents.get(e.path());
                cpio.write(e, c == null ? null : new ByteArrayInputStream(c));
                unarchived += e.type() == EntryType.FILE ? e.size() : 0;
            }
        }
        storedPayload = payload.toByteArray();
        identification = new Identification()
                .put(Identification.ARCHIVE_ID, sha(storedPayload))
                .put(Identification.FILES_ARCHIVED_METHOD, "cpio")
                .put(Identification.FILES_COMPRESSED_METHOD, compression.keyword())
                .put(Identification.FILES_ARCHIVED_SIZE, Long.toString(storedPayload.length))
                .put(Identification.FILES_UNARCHIVED_SIZE, Long.toString(unarchived))
                .put(Identification.CREATION_DATE, "20260101120000")
                .put(Identification.CONTENT_NAME, "web01 golden")
                .put(Identification.TYPE, "FULL")
                .put(Identification.FLAR_FORMAT, "1")
                .put(Identification.PAYLOAD_ENTRIES, Integer.toString(entries.size()))
                .put(Identification.PAYLOAD_SIZE, Long.toString(counted[0].count()));
        return this;
    }

    /** Writes the archive with the writer, to a file, and returns its bytes. */
    byte[] write() throws IOException {
        Path manifestFile = dir.resolve("manifest.spool");
        Files.write(manifestFile, manifest);
        Path payloadFile = dir.resolve("payload.spool");
        Files.write(payloadFile, storedPayload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FlashArchiveWriter w = new FlashArchiveWriter(out).identification(identification)
                .section("manifest", manifestFile);
        sections.forEach(w::section);
        long n = w.payload(payloadFile).write();
        if (n != out.size()) {
            throw new AssertionError("write() returned " + n + " for " + out.size() + " bytes");
        }
        return out.toByteArray();
    }

    static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An input stream handing out at most a few bytes per read, as a slow pipe does. */
    static InputStream trickle(byte[] data) {
        return new InputStream() {
            int pos;
            int turn;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= data.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, 1 + (turn++ % 7)), data.length - pos);
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}
