package org.flar.media;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flar.fs.FileTrees;
import org.flar.progress.Progress;

/**
 * Writes a volume set. Volume 1's share and the later volumes' bytes arrive through two streams
 * ({@link #firstVolume()}, {@link #laterVolumes()}), in any order between them: a later volume
 * is mastered as soon as it is full and its pieces are deleted, volume 1 is mastered last
 * ({@link #finish}), when the set's totals are known. Temporary space: volume 1's share plus the
 * volume being filled, in a work directory inside the output directory.
 */
public final class VolumeSetWriter implements Closeable {
    private final VolumePlan plan;
    private final Path outDir;
    private final String fileName;
    private final String setName;
    private final String setId;
    private final IsoMaster first;
    private final IsoMaster data;
    private final Progress progress;
    /** 0 while the number of volumes is not known (a capture straight from a root). */
    private final int knownVolumes;
    private final Path work;
    private final List<Piece> laterPieces = new ArrayList<>();
    private final List<Path> images = new ArrayList<>();
    private PieceOutput one;
    private PieceOutput later;
    private int laterVolume = 1;
    private boolean finished;
    private long peak;
    private final Map<String, byte[]> firstVolumeFiles = new java.util.LinkedHashMap<>();

    public VolumeSetWriter(VolumePlan plan, Path outDir, String fileName, String setName, String setId,
                           IsoMaster first, IsoMaster data, int knownVolumes, Progress progress) throws IOException {
        this.plan = plan;
        this.outDir = outDir;
        this.fileName = fileName;
        this.setName = setName;
        this.setId = setId;
        this.first = first;
        this.data = data;
        this.knownVolumes = knownVolumes;
        this.progress = progress;
        Files.createDirectories(outDir);
        this.work = Files.createTempDirectory(outDir, ".flar-media-");
    }

    /** A file volume 1 carries besides the catalog and its pieces ({@link Catalog#SIGNER_KEY}). */
    public void firstVolumeFile(String name, byte[] content) {
        firstVolumeFiles.put(name, content.clone());
    }

    /** The work directory: a capture must leave it out should it lie inside the root. */
    public Path workDir() {
        return work;
    }

    /** The image file of volume {@code volume}. */
    public Path image(int volume) {
        return outDir.resolve(fileName + "-" + volume + ".iso");
    }

    public OutputStream firstVolume() throws IOException {
        if (one == null) {
            one = new PieceOutput(work.resolve("1"), 1, plan.pieceSize(), plan.share(1));
        }
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                one.write(b, off, len);
                measure();
            }
        };
    }

    /** The most bytes of pieces the work directory held at once. */
    public long peakPieceBytes() {
        return peak;
    }

    private void measure() {
        peak = Math.max(peak, (one == null ? 0 : one.written()) + (later == null ? 0 : later.written()));
    }

    /** Volumes 2, 3, …: each mastered once full, or at {@link #finish}. */
    public OutputStream laterVolumes() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    if (later == null || later.room() == 0) {
                        nextVolume();
                    }
                    int n = (int) Math.min(len, later.room());
                    later.write(b, off, n);
                    measure();
                    if (knownVolumes > 0) {
                        // In a capture the capture itself reports entries; these are an archive's bytes.
                        progress.entry(Catalog.label(setId, laterVolume), n);
                    }
                    off += n;
                    len -= n;
                }
            }
        };
    }

    /** Volumes written so far, volume 1 included. */
    public int volumes() {
        return laterVolume;
    }

    private void nextVolume() throws IOException {
        masterLater();
        laterVolume++;
        if (knownVolumes > 0 && laterVolume > knownVolumes) {
            throw new IOException("the archive grew while the set was written: more than " + knownVolumes + " volumes");
        }
        later = new PieceOutput(work.resolve(Integer.toString(laterVolume)), laterVolume, plan.pieceSize(), plan.share(2));
        progress.phase("volume " + laterVolume + (knownVolumes > 0 ? " of " + knownVolumes : ""),
                knownVolumes > 0 ? plan.share(2) : -1);
    }

    /** Masters the volume being filled: no more bytes go to later volumes. */
    public void endLaterVolumes() throws IOException {
        masterLater();
    }

    private void masterLater() throws IOException {
        if (later == null) {
            return;
        }
        List<Piece> own = later.finish();
        laterPieces.addAll(own);
        Catalog c = new Catalog(setId, setName, laterVolume, knownVolumes, -1, null, Map.of(), own);
        master(data, work.resolve(Integer.toString(laterVolume)), c);
        later = null;
    }

    /**
     * Masters the last later volume, then volume 1 with the set's table.
     *
     * @param identification the archive's identification keywords, shown by the rescue system
     */
    public List<Path> finish(Map<String, String> identification, long archiveSize, String archiveSha256)
            throws IOException {
        masterLater();
        firstVolume();
        List<Piece> all = new ArrayList<>(one.finish());
        all.addAll(laterPieces);
        Catalog c = new Catalog(setId, setName, 1, laterVolume, archiveSize, archiveSha256, identification, all);
        progress.phase("volume 1 of " + laterVolume, -1);
        master(first, work.resolve("1"), c);
        finished = true;
        // Volume 1 was mastered last.
        List<Path> ordered = new ArrayList<>();
        ordered.add(images.getLast());
        ordered.addAll(images.subList(0, images.size() - 1));
        return ordered;
    }

    private void master(IsoMaster master, Path content, Catalog c) throws IOException {
        Files.createDirectories(content.resolve("FLAR"));
        Files.write(content.resolve(Catalog.FILE), c.format());
        Files.writeString(content.resolve("README.TXT"), Readme.of(c), UTF_8);
        if (c.volume() == 1) {
            for (Map.Entry<String, byte[]> f : firstVolumeFiles.entrySet()) {
                Files.write(content.resolve(f.getKey()), f.getValue());
            }
        }
        Path iso = image(c.volume());
        Path partial = iso.resolveSibling("." + iso.getFileName() + ".partial");
        try {
            master.master(content, c.label(), partial);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        long size = Files.size(partial);
        if (size > plan.media().bytes()) {
            Files.delete(partial);
            throw new IOException(iso + ": the image has " + size + " bytes, more than the " + plan.media().bytes()
                    + " of " + plan.media().name() + " (flar's margin for ISO structures was too small: please report)");
        }
        Files.move(partial, iso, StandardCopyOption.REPLACE_EXISTING);
        images.add(iso);
        FileTrees.delete(content);
    }

    /** Removes the work directory; after a failure also the images written, so no partial set looks complete. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            for (Path iso : images) {
                Files.deleteIfExists(iso);
            }
        }
        if (one != null) {
            one.close();
        }
        if (later != null) {
            later.close();
        }
        FileTrees.delete(work);
    }
}
