package org.flar.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flar.capture.Capture;
import org.flar.capture.CaptureOptions;
import org.flar.capture.CaptureResult;
import org.flar.capture.IdentityPolicy;
import org.flar.entry.ContentDigest;
import org.flar.format.FlashArchiveReader;
import org.flar.format.Identification;
import org.flar.progress.Progress;

/**
 * Writes a flash archive as a volume set: from an archive file, or captured straight from a
 * root without a full-size temporary archive (see {@link #fromRoot}).
 *
 * @param fileName the images are {@code OUTDIR/fileName-i.iso}
 * @param first    masters volume 1 (bootable or plain)
 * @param data     masters the other volumes
 */
public record SetCreator(VolumePlan plan, String fileName, IsoMaster first, IsoMaster data, Progress progress) {

    /** The identification keywords the catalog repeats, for whoever holds volume 1. */
    static final List<String> SHOWN = List.of(Identification.CONTENT_NAME, Identification.CONTENT_DESCRIPTION,
            Identification.CONTENT_AUTHOR, Identification.CREATION_DATE, Identification.CREATION_MASTER,
            Identification.CREATION_OS_NAME, Identification.CREATION_OS_VERSION, Identification.CONTENT_ARCHITECTURES,
            Identification.TYPE, Identification.ARCHIVE_ID, Identification.FILES_ARCHIVED_SIZE,
            Identification.FILES_UNARCHIVED_SIZE, Identification.PAYLOAD_ENTRIES);

    /**
     * @param temporaryPeak the most bytes of pieces held in the work directory at once (a capture's
     *                      spooled text sections come on top)
     */
    public record Result(String setId, List<Path> images, long archiveSize, String archiveSha256,
                         long temporaryPeak, CaptureResult capture) {
    }

    /** The identification of the archive in {@code archive}, its text sections checked. */
    public static Identification identificationOf(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive);
             FlashArchiveReader r = FlashArchiveReader.open(new java.io.BufferedInputStream(in, 1 << 16), archive.toString())) {
            return r.identification();
        }
    }

    public Result fromArchive(Path archive, Path outDir, String setName) throws IOException {
        return fromArchive(archive, outDir, setName, null);
    }

    /** @param signerKey the public key file of the archive's signer, for volume 1 ({@link Catalog#SIGNER_KEY}), or null */
    public Result fromArchive(Path archive, Path outDir, String setName, byte[] signerKey) throws IOException {
        Identification id = identificationOf(archive);
        long size = Files.size(archive);
        int volumes = plan.volumesFor(size);
        String setId = newSetId();
        MessageDigest whole = ContentDigest.newSha256();
        try (VolumeSetWriter w = writer(outDir, setName, setId, volumes);
             InputStream in = Files.newInputStream(archive)) {
            if (signerKey != null) {
                w.firstVolumeFile(Catalog.SIGNER_KEY, signerKey);
            }
            progress.phase("volume 1 of " + volumes, Math.min(size, plan.share(1)));
            copy(in, Math.min(size, plan.share(1)), w.firstVolume(), whole, archive, true);
            copy(in, size - Math.min(size, plan.share(1)), w.laterVolumes(), whole, archive, false);
            String sha = HexFormat.of().formatHex(whole.digest());
            return new Result(setId, w.finish(shown(id), size, sha), size, sha, w.peakPieceBytes(), null);
        }
    }

    /**
     * Captures {@code options.root()} into a volume set. The payload goes to volumes 2, 3, … as
     * it is compressed, each mastered once full and its pieces deleted; the text sections (known
     * only at the end) and nothing else go on volume 1, mastered last. Temporary space: one
     * volume's pieces plus the capture's manifest spool. The whole archive's SHA-256 is
     * computed by reading the finished volumes back, which also checks every image.
     */
    public Result fromRoot(CaptureOptions options, Path outDir, String setName) throws IOException {
        return fromRoot(options, null, null, outDir, setName);
    }

    /**
     * As {@link #fromRoot(CaptureOptions, Path, String)}, with what to do with the root's identity
     * (null: none) and the layout section to carry (null: none).
     */
    public Result fromRoot(CaptureOptions options, IdentityPolicy identity, byte[] layout, Path outDir, String setName)
            throws IOException {
        String setId = newSetId();
        try (VolumeSetWriter w = writer(outDir, setName, setId, 0)) {
            CaptureOptions spooled = options.toBuilder().spoolDir(w.workDir()).build();
            Path header = w.workDir().resolve("header");
            CaptureResult result;
            try (OutputStream h = Files.newOutputStream(header)) {
                result = new Capture(spooled, progress).identity(identity).layout(layout).runStreamed(w.laterVolumes(), h,
                        List.of(outDir.toAbsolutePath(), w.workDir()));
            }
            w.endLaterVolumes();
            long headerSize = Files.size(header);
            if (headerSize > plan.share(1)) {
                throw new IOException(outDir + ": the archive's text sections (" + headerSize + " bytes, mostly the "
                        + "manifest) do not fit on volume 1 (" + plan.share(1) + " bytes): use larger media");
            }
            Identification id = identificationOf(header);
            long size = headerSize + result.storedSize();
            MessageDigest whole = ContentDigest.newSha256();
            try (InputStream in = Files.newInputStream(header)) {
                copy(in, headerSize, w.firstVolume(), whole, header, false);
            }
            // Volumes 2.. are already images: their bytes are read back from them, after the header's.
            for (int v = 2; v <= w.volumes(); v++) {
                readBack(w.image(v), v, whole);
            }
            Files.delete(header);
            String sha = HexFormat.of().formatHex(whole.digest());
            return new Result(setId, w.finish(shown(id), size, sha), size, sha, w.peakPieceBytes(), result);
        }
    }

    /** Feeds the pieces of the new image of volume {@code volume} to {@code whole}, each checked against its catalog. */
    private static void readBack(Path iso, int volume, MessageDigest whole) throws IOException {
        try (Volume v = Volume.open(iso)) {
            if (v.catalog().volume() != volume) {
                throw new IOException(iso + ": holds volume " + v.catalog().volume() + ", not " + volume);
            }
            for (Piece p : v.catalog().ownPieces()) {
                SetStream.check(v, p, whole);
            }
        }
    }

    private VolumeSetWriter writer(Path outDir, String setName, String setId, int volumes) throws IOException {
        plan.check();
        if (Files.isDirectory(outDir)) {
            try (var existing = Files.list(outDir)) {
                var old = existing.filter(p -> p.getFileName().toString().matches(
                        java.util.regex.Pattern.quote(fileName) + "-[0-9]+\\.iso")).findFirst();
                if (old.isPresent()) {
                    throw new IOException(old.get() + ": already exists: a set named " + fileName
                            + " is there (remove it or choose another --name)");
                }
            }
        }
        return new VolumeSetWriter(plan, outDir, fileName, setName, setId, first, data, volumes, progress);
    }

    private static Map<String, String> shown(Identification id) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : SHOWN) {
            if (id.has(k)) {
                m.put(k, id.get(k));
            }
        }
        return m;
    }

    /** @param report whether to report progress here (the later volumes' stream reports its own) */
    private void copy(InputStream in, long n, OutputStream out, MessageDigest whole, Path archive, boolean report)
            throws IOException {
        byte[] buf = new byte[1 << 20];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new IOException(archive + ": shrank while the set was written");
            }
            out.write(buf, 0, r);
            whole.update(buf, 0, r);
            if (report) {
                progress.entry(archive.toString(), r);
            }
            n -= r;
        }
    }

    private static String newSetId() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

}
