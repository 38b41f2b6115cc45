package org.flar.media;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.flar.format.CorruptArchiveException;

/**
 * One volume of a set as restore reads it: an ISO image file or an optical drive (read with
 * {@link IsoImage}), or a directory that is a mounted volume (the rescue system mounts its
 * discs). Opening reads and checks the catalog; an image's label must match it.
 */
public abstract class Volume implements Closeable {
    private final String where;
    private final Catalog catalog;

    Volume(String where, Catalog catalog) {
        this.where = where;
        this.catalog = catalog;
    }

    /** The file, drive or directory, as messages name it. */
    public String where() {
        return where;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** "web-2.iso: volume 2 (FLAR_1A2B3C4D_2)". */
    public String describe() {
        return where + ": volume " + catalog.volume() + " (" + catalog.label() + ")";
    }

    /** The bytes of {@code piece}'s file on this volume; its size is checked, its SHA-256 by the caller. */
    public abstract InputStream open(Piece piece) throws IOException;

    /** A small file of the volume ({@code FLAR/SIGNER.PUB}), or null when it has none; at most {@code max} bytes. */
    public abstract byte[] readFile(String name, int max) throws IOException;

    /** Whether {@code path} is a mounted volume: a directory holding a catalog. */
    public static boolean isMountedVolume(Path path) {
        return Files.isDirectory(path) && find(path, Catalog.FILE) != null;
    }

    public static Volume open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return new Mounted(path);
        }
        IsoImage iso = IsoImage.open(path);
        try {
            IsoImage.Extent e = iso.find(Catalog.FILE);
            if (e == null) {
                throw new CorruptArchiveException(path + ": not a flar volume (no " + Catalog.FILE + "; label '"
                        + iso.volumeId() + "')");
            }
            Catalog c = Catalog.parse(iso.readAll(e, Catalog.MAX_BYTES, Catalog.FILE), path.toString());
            if (!c.label().equals(iso.volumeId())) {
                throw new CorruptArchiveException(path + ": label '" + iso.volumeId() + "' but its catalog says "
                        + c.label());
            }
            return new Image(path.toString(), c, iso);
        } catch (IOException | RuntimeException ex) {
            iso.close();
            throw ex;
        }
    }

    private static final class Image extends Volume {
        private final IsoImage iso;

        Image(String where, Catalog c, IsoImage iso) {
            super(where, c);
            this.iso = iso;
        }

        @Override
        public InputStream open(Piece piece) throws IOException {
            IsoImage.Extent e = iso.find(piece.file());
            if (e == null) {
                throw new CorruptArchiveException(describe() + ": " + piece.file() + " is missing");
            }
            if (e.size() != piece.size()) {
                throw new CorruptArchiveException(describe() + ", piece " + piece.file() + ": " + e.size()
                        + " bytes, the catalog says " + piece.size());
            }
            return iso.open(e);
        }

        @Override
        public byte[] readFile(String name, int max) throws IOException {
            IsoImage.Extent e = iso.find(name);
            return e == null ? null : iso.readAll(e, max, name);
        }

        @Override
        public void close() throws IOException {
            iso.close();
        }
    }

    /** A mounted disc. Names are matched without regard to case: mounted without Rock Ridge, Linux shows them in lower case. */
    private static final class Mounted extends Volume {
        private final Path dir;

        Mounted(Path dir) throws IOException {
            super(dir.toString(), catalogOf(dir));
            this.dir = dir;
        }

        private static Catalog catalogOf(Path dir) throws IOException {
            Path f = find(dir, Catalog.FILE);
            if (f == null) {
                throw new CorruptArchiveException(dir + ": not a flar volume (no " + Catalog.FILE + ")");
            }
            if (Files.size(f) > Catalog.MAX_BYTES) {
                throw new CorruptArchiveException(f + ": larger than a flar catalog");
            }
            return Catalog.parse(Files.readAllBytes(f), dir.toString());
        }

        @Override
        public InputStream open(Piece piece) throws IOException {
            Path f = find(dir, piece.file());
            if (f == null || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                throw new CorruptArchiveException(describe() + ": " + piece.file() + " is missing");
            }
            long size = Files.size(f);
            if (size != piece.size()) {
                throw new CorruptArchiveException(describe() + ", piece " + piece.file() + ": " + size
                        + " bytes, the catalog says " + piece.size());
            }
            return Files.newInputStream(f);
        }

        @Override
        public byte[] readFile(String name, int max) throws IOException {
            Path f = find(dir, name);
            if (f == null || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            if (Files.size(f) > max) {
                throw new CorruptArchiveException(f + ": larger than " + max + " bytes");
            }
            return Files.readAllBytes(f);
        }

        @Override
        public void close() {
        }
    }

    /** {@code dir}/{@code name} ("FLAR/P0001"), each component matched without regard to case; null if absent. */
    static Path find(Path dir, String name) {
        Path p = dir;
        for (String part : name.split("/")) {
            Path exact = p.resolve(part);
            if (Files.exists(exact, LinkOption.NOFOLLOW_LINKS)) {
                p = exact;
                continue;
            }
            try (var list = Files.list(p)) {
                Path q = p;
                p = list.filter(c -> c.getFileName().toString().equalsIgnoreCase(part)).findFirst().orElse(null);
                if (p == null) {
                    return null;
                }
            } catch (IOException e) {
                return null;
            }
        }
        return p;
    }
}
