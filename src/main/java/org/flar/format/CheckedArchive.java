package org.flar.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import org.flar.entry.ContentDigest;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.pipeline.ReadAhead;
import org.flar.pipeline.BulkInputStream;

/**
 * A flash archive read for use: payload entries in lockstep with the manifest, each one
 * checked against its manifest line (path, type, metadata, xattrs) as it arrives and its
 * content against the manifest's SHA-256 once read, and at the end the payload against
 * archive_id and files_archived_size. Deployment and verification both read through this,
 * so nothing unchecked reaches a target.
 */
public final class CheckedArchive implements Closeable {
    /**
     * The largest file {@link #readContentUnchecked()} reads whole: its array is allocated at
     * the size the (untrusted) header announces, before a byte of content arrives.
     */
    public static final int MAX_READ_WHOLE = 8 << 20;

    private final String name;
    private final FlashArchiveReader archive;
    private final ManifestReader manifest;
    private final InputStream decompressed;
    private final PayloadReader payload;
    private Entry current;
    private ContentDigest digest;
    private HashingContent content;
    private long entries;

    private CheckedArchive(String name, FlashArchiveReader archive) throws IOException {
        this.name = name;
        this.archive = archive;
        if (archive.identification().get(Identification.FLAR_FORMAT) == null) {
            throw new CorruptArchiveException(name + ": not made by flar (no flar_format keyword): "
                    + "it can be listed with info and split, not deployed or verified");
        }
        archive.preflight();
        this.manifest = archive.manifest();
        PayloadFormat format = archive.payloadFormat();
        this.decompressed = new ReadAhead(archive.payloadDecompressed(), "flar-decompress");
        this.payload = format.reader(decompressed);
    }

    public static CheckedArchive open(InputStream in, String name) throws IOException {
        FlashArchiveReader archive = FlashArchiveReader.open(in, name);
        try {
            return new CheckedArchive(name, archive);
        } catch (IOException | RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    public Identification identification() {
        return archive.identification();
    }

    public FlashArchiveReader archive() {
        return archive;
    }

    /**
     * The next entry, with the manifest's SHA-256, or null at the end — after the end of the
     * payload was checked against the manifest and archive_id.
     */
    public Entry next() throws IOException {
        if (content != null && current.type() == EntryType.FILE && !content.verified) {
            content.transferTo(java.io.OutputStream.nullOutputStream());
            verifyContent();
        }
        Entry p = nextInPayload();
        ManifestEntry m = manifest.next();
        if (p == null) {
            if (m != null) {
                throw new CorruptArchiveException(name + ": payload ends before entry '" + m.path()
                        + "' of the manifest (truncated archive?)");
            }
            // Reading to the end makes the payload stream check files_archived_size and archive_id.
            decompressed.transferTo(java.io.OutputStream.nullOutputStream());
            current = null;
            return null;
        }
        if (m == null) {
            throw new CorruptArchiveException(name + ": payload entry '" + p.path() + "' is not in the manifest");
        }
        if (!m.entry().path().equals(p.path())) {
            throw new CorruptArchiveException(name + ": payload entry '" + p.path() + "' where the manifest has '"
                    + m.entry().path() + "'");
        }
        if (!m.describes(p)) {
            throw new CorruptArchiveException(name + ": entry '" + p.path() + "' differs from its manifest line: "
                    + m.differences(p));
        }
        entries++;
        current = p.withSha256(m.entry().sha256());
        if (current.type() == EntryType.FILE) {
            if (current.sha256() == null) {
                throw new CorruptArchiveException(name + ": manifest has no sha256 for file '" + p.path() + "'");
            }
            digest = new ContentDigest(current.sparse(), current.size());
            content = new HashingContent(payload.content());
        } else {
            content = null;
        }
        return current;
    }

    /** The payload codecs do not know the archive's name; every message must carry it. */
    private Entry nextInPayload() throws IOException {
        try {
            return payload.next();
        } catch (CorruptArchiveException e) {
            throw named(e);
        }
    }

    private CorruptArchiveException named(CorruptArchiveException e) {
        return CorruptArchiveException.naming(name, "", e);
    }

    /** The stored bytes of the current file; they are hashed as they are read. */
    public InputStream content() {
        return content;
    }

    /**
     * Checks the current file's content, read to its end, against the manifest: call before the
     * file is put in place.
     */
    public void verifyContent() throws IOException {
        // Whatever the caller left unread still belongs to the hash.
        content.transferTo(java.io.OutputStream.nullOutputStream());
        String actual = digest.finish();
        content.verified = true;
        if (!actual.equals(current.sha256())) {
            throw mismatch(current, actual);
        }
    }

    /**
     * Reads the current file's stored bytes whole without hashing them, so the checksum can be
     * computed on another thread with {@link #checkContent}; for small files that are not sparse.
     * The caller must check the content before it puts the file in place.
     */
    public byte[] readContentUnchecked() throws IOException {
        if (current.sparse() != null || current.size() > MAX_READ_WHOLE) {
            throw new IllegalStateException("only small dense files are read whole");
        }
        byte[] bytes;
        int n;
        try {
            // Into one array of the announced size: readNBytes(int) would read in pieces and copy them.
            bytes = new byte[(int) current.size()];
            n = content.in.readNBytes(bytes, 0, bytes.length);
        } catch (CorruptArchiveException e) {
            throw named(e);
        }
        if (n != current.size()) {
            throw new CorruptArchiveException(name + ": entry '" + current.path() + "': content ends early");
        }
        content.verified = true;
        return bytes;
    }

    /** The check {@link #verifyContent()} does, for content read with {@link #readContentUnchecked()}; thread-safe. */
    public void checkContent(Entry file, byte[] bytes) throws CorruptArchiveException {
        String actual = ContentDigest.of(bytes);
        if (!actual.equals(file.sha256())) {
            throw mismatch(file, actual);
        }
    }

    private CorruptArchiveException mismatch(Entry file, String actual) {
        return new CorruptArchiveException(name + ": content of '" + file.path()
                + "' fails its checksum (sha256 " + actual + ", manifest says " + file.sha256() + ")");
    }

    public long entries() {
        return entries;
    }

    @Override
    public void close() throws IOException {
        try (manifest; archive; decompressed) {
            payload.close();
        }
    }

    private final class HashingContent extends BulkInputStream {
        private final InputStream in;
        boolean verified;

        HashingContent(InputStream in) {
            this.in = in;
        }


        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (CorruptArchiveException e) {
                throw named(e);
            }
            if (n > 0) {
                digest.update(b, off, n);
            }
            return n;
        }
    }
}
