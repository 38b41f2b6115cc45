package org.flar.identity.bundle;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flar.entry.ContentDigest;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.format.ManifestLine;
import org.flar.format.compress.Compression;
import org.flar.format.pax.PaxWriter;

/**
 * Writes an identity bundle: a zstd-compressed pax payload (flar's own codec) of the saved
 * entries, each with its full metadata, then the {@link BundleIndex}. It is written under a
 * temporary name and renamed into place by {@link #finish}, so a bundle file that exists is whole.
 */
public final class BundleWriter implements AutoCloseable {
    private final Path file;
    private final Path tmp;
    private final OutputStream stored;
    private final OutputStream compressed;
    private final PaxWriter pax;
    private final List<String> lines = new ArrayList<>();
    private final Set<String> saved = new HashSet<>();
    private boolean finished;

    /** Starts a bundle to be put at {@code file}: for the steps that save an identity (unconfig, capture, a clone's own). */
    public BundleWriter(Path file) throws IOException {
        this.file = file;
        Path dir = file.toAbsolutePath().getParent();
        this.tmp = dir.resolve("." + file.getFileName() + ".flar-" + ProcessHandle.current().pid());
        this.stored = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 1 << 16);
        this.compressed = Compression.ZSTD.compress(stored, -1, 1);
        this.pax = new PaxWriter(compressed);
    }

    /** Saves {@code rel} of {@code root} as it is now, once; a directory's own entry only. */
    public void save(Path root, String rel) throws IOException {
        if (!saved.add(rel)) {
            return;
        }
        Entry e = FileRecord.of(root, rel);
        if (e.type() != EntryType.FILE) {
            pax.write(e, null);
            lines.add(ManifestLine.format(e));
            return;
        }
        MessageDigest md = ContentDigest.newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(root.resolve(rel), LinkOption.NOFOLLOW_LINKS), md)) {
            pax.write(e, in);
        }
        lines.add(ManifestLine.format(e.withSha256(HexFormat.of().formatHex(md.digest()))));
    }

    /** Saves {@code rel} and everything below it. */
    public void saveTree(Path root, String rel) throws IOException {
        for (String r : FileRecord.tree(root, rel)) {
            save(root, r);
        }
    }

    /**
     * Writes the index last and puts the bundle in place.
     *
     * @param changes "ACTION ITEM ESCAPED-PATH" lines
     */
    public void finish(String archiveId, String profile, String family, List<String> changes, List<String> created,
            List<String> expected) throws IOException {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("flar_identity", BundleIndex.VERSION);
        k.put("bundle_id", UUID.randomUUID().toString());
        k.put("archive_id", archiveId == null ? "" : archiveId);
        k.put("profile", profile);
        k.put("os", family == null ? "" : family);
        byte[] index = new BundleIndex(k, changes, created, expected, lines).encode();
        Entry e = Entry.builder(BundleIndex.NAME, EntryType.FILE).mode(0600).size(index.length)
                .mtimeNanos(System.currentTimeMillis() * 1_000_000L).build();
        pax.write(e, new ByteArrayInputStream(index));
        pax.finish();
        compressed.close();
        stored.close();
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        finished = true;
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            try (stored) {
                compressed.close();
            } catch (IOException ignored) {
                // the bundle is abandoned anyway
            }
            Files.deleteIfExists(tmp);
        }
    }
}
