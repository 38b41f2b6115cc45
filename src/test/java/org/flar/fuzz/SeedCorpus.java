package org.flar.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.SparseMap;
import org.flar.entry.Xattr;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveWriter;
import org.flar.format.Identification;
import org.flar.format.ManifestLine;
import org.flar.format.MetadataLine;
import org.flar.format.PayloadFormat;
import org.flar.format.PayloadWriter;
import org.flar.format.compress.Compression;
import org.flar.format.pax.PosixAcl;
import org.flar.media.Catalog;
import org.flar.media.Piece;

/**
 * Writes the generated seeds of the fuzz targets (the {@code gen-*} files of each
 * {@code <Class>Inputs} directory): small valid inputs with one entry of every kind, so the
 * fuzzer starts inside the formats. Seeds copied from other fixtures are listed in
 * src/test/resources/org/flar/fuzz/README.txt. Run from the project directory:
 * {@code java -cp target/classes:target/test-classes:DEPS org.flar.fuzz.SeedCorpus}.
 */
public final class SeedCorpus {

    private static final Path ROOT = Path.of("src/test/resources/org/flar/fuzz");
    private static final long MTIME = 1_700_000_000_123_456_789L;
    private static final String SUM = "ab".repeat(32);

    private SeedCorpus() {
    }

    public static void main(String[] args) throws IOException {
        List<Item> items = items();
        byte[] pax = payload(PayloadFormat.PAX, items, true);
        byte[] cpio = payload(PayloadFormat.CPIO, items, false);
        byte[] manifest = manifest(items, true);
        byte[] cpioManifest = manifest(items, false);
        seed("PaxReaderFuzzTest", "read", "gen-every-kind.tar", pax);
        seed("NewcReaderFuzzTest", "read", "gen-every-kind.cpio", cpio);
        seed("ManifestFuzzTest", "read", "gen-every-kind.manifest", manifest);
        seed("CheckedArchiveFuzzTest", "read", "gen-pax", checked(0, manifest, pax));
        seed("CheckedArchiveFuzzTest", "read", "gen-cpio", checked(1, cpioManifest, cpio));
        seed("CheckedArchiveFuzzTest", "read", "gen-pax-zstd", checked(0, manifest, compress(Compression.ZSTD, pax)));
        seed("CheckedArchiveFuzzTest", "read", "gen-cpio-gzip", checked(1, cpioManifest, compress(Compression.GZIP, cpio)));
        seed("FlashArchiveReaderFuzzTest", "read", "gen-flar-xz", archive(manifest, compress(Compression.XZ, pax), true));
        seed("FlashArchiveReaderFuzzTest", "read", "gen-solaris", archive(manifest, cpio, false));
        seed("FlashArchiveReaderFuzzTest", "read", "gen-differential", differential(items));
        Entry withXattrs = items.get(2).entry().withSha256(SUM);
        seed("MetadataLineFuzzTest", "parse", "gen-xattrs", MetadataLine.format(withXattrs).getBytes(UTF_8));
        seed("MetadataLineFuzzTest", "parse", "gen-plain", MetadataLine.format(items.get(9).entry().withSha256(SUM))
                .getBytes(UTF_8));
        byte[] catalog = catalog();
        seed("CatalogFuzzTest", "parse", "gen-volume1", Arrays.copyOf(catalog,
                new String(catalog, UTF_8).lastIndexOf("catalog_sha256=")));
    }

    record Item(Entry entry, byte[] content) {
    }

    /** One entry of each kind, with xattrs and ACLs, a sparse file, long and non-ASCII names. */
    static List<Item> items() {
        List<Item> items = new ArrayList<>();
        items.add(new Item(Entry.builder(".", EntryType.DIRECTORY).mode(0755).mtimeNanos(MTIME).build(), null));
        items.add(new Item(Entry.builder("dev", EntryType.DIRECTORY).mode(01777).owner(0, 0).names("root", "root")
                .mtimeNanos(MTIME).build(), null));
        byte[] hosts = "127.0.0.1 localhost\n".getBytes(UTF_8);
        items.add(new Item(Entry.builder("dev/hosts", EntryType.FILE).mode(0644).owner(1000, 100).size(hosts.length)
                .mtimeNanos(MTIME).xattrs(List.of(new Xattr("user.note", "x y".getBytes(UTF_8)),
                        new Xattr(Xattr.ACL_ACCESS, PosixAcl.fromText("user::rw-,user:1000:r--,group::r--,mask::r--,other::r--"))))
                .build(), hosts));
        items.add(new Item(Entry.builder("dev/link", EntryType.HARDLINK).mode(0644).mtimeNanos(MTIME)
                .linkTarget("dev/hosts").build(), null));
        items.add(new Item(Entry.builder("dev/null", EntryType.CHAR_DEVICE).mode(0666).device(1, 3).mtimeNanos(MTIME).build(), null));
        items.add(new Item(Entry.builder("dev/pipe", EntryType.FIFO).mode(0600).mtimeNanos(MTIME).build(), null));
        items.add(new Item(Entry.builder("dev/sda", EntryType.BLOCK_DEVICE).mode(0660).device(8, 0).mtimeNanos(MTIME).build(), null));
        byte[] data = "data".getBytes(UTF_8);
        SparseMap holes = new SparseMap(List.of(new SparseMap.Segment(1024, 4), new SparseMap.Segment(3000, 0)), 3000);
        items.add(new Item(Entry.builder("dev/sparse", EntryType.FILE).mode(0600).size(3000).sparse(holes)
                .mtimeNanos(MTIME).build(), data));
        items.add(new Item(Entry.builder("dev/sym", EntryType.SYMLINK).mode(0777).mtimeNanos(-MTIME)
                .linkTarget("../" + "long/".repeat(30) + "t\u00e9").build(), null));
        items.add(new Item(Entry.builder("dev/\u00fcml aut" + "x".repeat(120), EntryType.FILE).mode(04755)
                .owner(3_000_000, 3_000_000).size(0).mtimeNanos(MTIME).build(), new byte[0]));
        return items;
    }

    static byte[] payload(PayloadFormat format, List<Item> items, boolean full) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PayloadWriter w = format.writer(out)) {
            for (Item i : items) {
                Entry e = full ? i.entry() : forCpio(i.entry());
                byte[] content = full || i.content() == null ? i.content() : logical(i.entry(), i.content());
                w.write(e, content == null ? null : new ByteArrayInputStream(content));
            }
            w.finish();
        }
        return out.toByteArray();
    }

    /** What cpio carries: no xattrs, whole seconds, holes stored as zeros. */
    static Entry forCpio(Entry e) {
        return e.toBuilder().xattrs(List.of()).sparse(null).mtimeNanos(Math.abs(e.mtimeNanos()) / 1_000_000_000L * 1_000_000_000L)
                .build();
    }

    static byte[] manifest(List<Item> items, boolean full) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Item i : items) {
            Entry e = full ? i.entry() : forCpio(i.entry());
            if (e.type() == EntryType.FILE) {
                e = e.withSha256(FuzzInput.sha256(logical(i.entry(), i.content())));
            }
            b.append(ManifestLine.format(e)).append('\n');
        }
        return b.toString().getBytes(UTF_8);
    }

    /** The file's content as read back: the stored segments at their offsets, zeros between. */
    static byte[] logical(Entry e, byte[] stored) {
        if (e.sparse() == null) {
            return stored;
        }
        byte[] all = new byte[(int) e.size()];
        int at = 0;
        for (SparseMap.Segment s : e.sparse().segments()) {
            System.arraycopy(stored, at, all, (int) s.offset(), (int) s.length());
            at += (int) s.length();
        }
        return all;
    }

    static byte[] checked(int flags, byte[] manifest, byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(flags);
        out.write(manifest.length >> 8);
        out.write(manifest.length);
        out.write(manifest);
        out.write(payload);
        return out.toByteArray();
    }

    static byte[] compress(Compression c, byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = c.compress(out, -1, 0)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    static byte[] archive(byte[] manifest, byte[] stored, boolean flar) throws IOException {
        Identification id = new Identification().put(Identification.CONTENT_NAME, "seed")
                .put(Identification.FILES_ARCHIVED_METHOD, flar ? "pax" : "cpio")
                .put(Identification.FILES_COMPRESSED_METHOD, Compression.detect(Arrays.copyOf(stored, 6)).keyword());
        if (flar) {
            id.put(Identification.ARCHIVE_ID, FuzzInput.sha256(stored))
                    .put(Identification.FILES_ARCHIVED_SIZE, Long.toString(stored.length))
                    .put(Identification.FLAR_FORMAT, "1").put(Identification.TYPE, "FULL")
                    .put(Identification.PAYLOAD_ENTRIES, Long.toString(lines(manifest)));
        }
        return write(id, Map.of(FlashArchive.MANIFEST, manifest), stored);
    }

    /** A differential of one changed file, one deletion and one metadata-only file. */
    static byte[] differential(List<Item> items) throws IOException {
        Entry hosts = items.get(2).entry().withSha256(FuzzInput.sha256(items.get(2).content()));
        Entry older = hosts.toBuilder().mode(0600).xattrs(List.of()).build();
        Entry changed = items.get(5).entry();
        byte[] stored = payload(PayloadFormat.PAX, List.of(items.get(5)), true);
        String base = ManifestLine.format(older) + "\n" + ManifestLine.format(changed.toBuilder().mode(0644).build()) + "\n"
                + ManifestLine.format(items.get(6).entry()) + "\n";
        String state = ManifestLine.format(hosts) + "\n" + ManifestLine.format(changed) + "\n";
        Identification id = new Identification().put(Identification.CONTENT_NAME, "seed diff")
                .put(Identification.ARCHIVE_ID, FuzzInput.sha256(stored))
                .put(Identification.FILES_ARCHIVED_METHOD, "pax").put(Identification.FILES_COMPRESSED_METHOD, "none")
                .put(Identification.FILES_ARCHIVED_SIZE, Long.toString(stored.length))
                .put(Identification.FLAR_FORMAT, "1").put(Identification.TYPE, "DIFFERENTIAL")
                .put(Identification.PAYLOAD_ENTRIES, "1").put(Identification.BASE_STATE_SHA256, SUM)
                .put(Identification.STATE_SHA256, FuzzInput.sha256(state.getBytes(UTF_8)));
        Map<String, byte[]> sections = new java.util.LinkedHashMap<>();
        sections.put(FlashArchive.MANIFEST, (ManifestLine.format(changed) + "\n").getBytes(UTF_8));
        sections.put(FlashArchive.STATE, state.getBytes(UTF_8));
        sections.put(FlashArchive.DELETIONS, "dev/sda\n".getBytes(UTF_8));
        sections.put(FlashArchive.BASE, base.getBytes(UTF_8));
        sections.put(FlashArchive.METADATA, (MetadataLine.format(hosts) + "\n").getBytes(UTF_8));
        sections.put("X-notes", "free text\n".getBytes(UTF_8));
        return write(id, sections, stored);
    }

    static byte[] write(Identification id, Map<String, byte[]> sections, byte[] stored) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FlashArchiveWriter w = new FlashArchiveWriter(out).identification(id);
        sections.forEach(w::section);
        w.writeHeader(stored.length);
        out.write(stored);
        return out.toByteArray();
    }

    static long lines(byte[] text) {
        return new String(text, UTF_8).chars().filter(c -> c == '\n').count();
    }

    static byte[] catalog() {
        return new Catalog("0123456789abcdef0123456789abcdef", "web01", 1, 2, 30, SUM,
                Map.of("content_name", "web01"),
                List.of(new Piece(1, "FLAR/P0001", 10, SUM), new Piece(2, "FLAR/P0001", 20, SUM))).format();
    }

    static void seed(String testClass, String method, String name, byte[] bytes) throws IOException {
        Path dir = ROOT.resolve(testClass + "Inputs").resolve(method);
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
        System.out.println(dir.resolve(name) + " " + bytes.length);
    }
}
