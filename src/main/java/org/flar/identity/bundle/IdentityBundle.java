package org.flar.identity.bundle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.flar.entry.ContentDigest;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.format.ArchivePaths;
import org.flar.format.CorruptArchiveException;
import org.flar.format.ManifestLine;
import org.flar.format.PayloadReader;
import org.flar.format.compress.Compression;
import org.flar.format.pax.PaxReader;

/**
 * A saved identity, read from its file and checked whole before anything uses it: the index's
 * {@code bundle_sha256}, and every entry's metadata and content SHA-256 against its index line.
 * Bundles are untrusted input: any difference is a {@link CorruptArchiveException} naming the
 * bundle. {@link #entries()} reads it again for the restore, which checks each entry once more.
 */
public final class IdentityBundle {
    /** Largest index accepted: a line per saved file. */
    private static final int MAX_INDEX = 64 << 20;

    private final Path file;
    private final BundleIndex index;

    private IdentityBundle(Path file, BundleIndex index) {
        this.file = file;
        this.index = index;
    }

    public static IdentityBundle open(Path file) throws IOException {
        List<String> computed = new ArrayList<>();
        byte[] indexBytes = null;
        try (Reader r = new Reader(file)) {
            Entry e;
            while ((e = r.pax.next()) != null) {
                if (indexBytes != null) {
                    throw corrupt(file, "entries after the index");
                }
                if (e.path().equals(BundleIndex.NAME)) {
                    if (e.type() != EntryType.FILE || e.size() > MAX_INDEX) {
                        throw corrupt(file, "bad index entry");
                    }
                    indexBytes = r.pax.content().readAllBytes();
                    continue;
                }
                String unsafe = ArchivePaths.problem(e.path());
                if (unsafe != null || e.path().equals(".")) {
                    throw corrupt(file, "unsafe entry: " + (unsafe != null ? unsafe : "the root itself"));
                }
                if (e.type() == EntryType.HARDLINK) {
                    // unconfig saves each path by itself: a hardlink can only be planted
                    throw corrupt(file, "unsafe entry: hardlink '" + e.path() + "' (bundles hold none)");
                }
                try {
                    computed.add(ManifestLine.format(withSha256(e, r.pax.content(), null)));
                } catch (IllegalArgumentException bad) {
                    throw corrupt(file, "entry '" + e.path() + "': " + bad.getMessage());
                }
            }
        } catch (CorruptArchiveException bad) {
            throw CorruptArchiveException.naming(file.toString(), "", bad);
        }
        if (indexBytes == null) {
            throw corrupt(file, "no index (truncated, or not an identity bundle)");
        }
        BundleIndex index;
        try {
            index = BundleIndex.decode(indexBytes);
        } catch (IllegalArgumentException bad) {
            throw corrupt(file, bad.getMessage());
        }
        for (String created : index.created()) {
            String unsafe = ArchivePaths.problem(created);
            if (unsafe != null || created.equals(".")) {
                throw corrupt(file, "unsafe created path: " + (unsafe != null ? unsafe : "the root itself"));
            }
        }
        for (int i = 0; i < Math.max(computed.size(), index.entries().size()); i++) {
            String have = i < computed.size() ? computed.get(i) : "(nothing)";
            String want = i < index.entries().size() ? index.entries().get(i) : "(nothing)";
            if (!have.equals(want)) {
                throw corrupt(file, "entry " + (i + 1) + " does not match its index line (altered): " + have);
            }
        }
        return new IdentityBundle(file, index);
    }

    /** Hashes a file entry's content (into {@code sink} as well, when given) and returns it with its SHA-256. */
    static Entry withSha256(Entry e, InputStream content, java.io.OutputStream sink) throws IOException {
        if (e.type() != EntryType.FILE) {
            return e;
        }
        MessageDigest md = ContentDigest.newSha256();
        try (DigestOutputStream out = new DigestOutputStream(sink == null ? java.io.OutputStream.nullOutputStream() : sink, md)) {
            content.transferTo(out);
        }
        return e.withSha256(HexFormat.of().formatHex(md.digest()));
    }

    static CorruptArchiveException corrupt(Path file, String problem) {
        return new CorruptArchiveException(file + ": identity bundle: " + problem);
    }

    public Path file() {
        return file;
    }

    /** The archive the bundle was taken from, or "" for one saved by {@code flar unconfig}. */
    public String archiveId() {
        return index.archiveId();
    }

    public String bundleId() {
        return index.bundleId();
    }

    public String profile() {
        return index.keywords().getOrDefault("profile", "");
    }

    /** The "ACTION ITEM ESCAPED-PATH" changes the bundle records: for deploy's report of a recovery. */
    public List<String> changes() {
        return index.changes();
    }

    BundleIndex index() {
        return index;
    }

    /** Number of saved entries. */
    public int size() {
        return index.entries().size();
    }

    /** Reads the entries again, in order; the caller checks each against {@link BundleIndex#entries()}. */
    Reader entries() throws IOException {
        return new Reader(file);
    }

    /** The pax payload inside the compression. */
    static final class Reader implements AutoCloseable {
        final PayloadReader pax;
        private final InputStream in;

        Reader(Path file) throws IOException {
            BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(Compression.MAGIC_LENGTH);
            byte[] head = raw.readNBytes(Compression.MAGIC_LENGTH);
            raw.reset();
            this.in = Compression.detect(head).decompress(raw);
            this.pax = new PaxReader(in);
        }

        @Override
        public void close() throws IOException {
            try (in) {
                pax.close();
            }
        }
    }
}
