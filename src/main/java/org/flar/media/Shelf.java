package org.flar.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.flar.format.CorruptArchiveException;

/**
 * Volumes given at once: ISO image files, directories of them, or mounted volumes. The order
 * they are given in does not matter (a shell glob puts web-10.iso before web-2.iso): each is
 * placed by its catalog. The set is checked complete before anything is read: every volume of
 * volume 1's set present once, none of another set.
 */
public final class Shelf implements VolumeSource {
    private final TreeMap<Integer, Volume> volumes = new TreeMap<>();

    public Shelf(List<Path> paths) throws IOException {
        try {
            for (Path p : expand(paths)) {
                Volume v = Volume.open(p);
                Volume twin = volumes.putIfAbsent(v.catalog().volume(), v);
                if (twin != null && !twin.catalog().setId().equals(v.catalog().setId())) {
                    v.close();
                    throw new CorruptArchiveException(v.describe() + " and " + twin.describe()
                            + " are the same volume of two different sets");
                } else if (twin != null) {
                    v.close();
                    throw new CorruptArchiveException(v.describe() + " is given twice (also " + twin.where() + ")");
                }
            }
            Volume one = volumes.get(1);
            if (one == null) {
                throw new CorruptArchiveException("volume 1 is missing (it holds the set's table): give it too"
                        + (volumes.isEmpty() ? "" : "; given: " + volumes.firstEntry().getValue().describe() + " ..."));
            }
            Catalog set = one.catalog();
            for (Volume v : volumes.values()) {
                if (v.catalog().volume() > set.volumes()) {
                    throw new CorruptArchiveException(v.describe() + " is beyond the set's last volume "
                            + set.volumes() + (v.catalog().setId().equals(set.setId()) ? "" : " (it belongs to another set)"));
                }
                VolumeSource.checkBelongs(v, set, v.catalog().volume());
            }
            for (int k = 1; k <= set.volumes(); k++) {
                if (!volumes.containsKey(k)) {
                    throw new CorruptArchiveException("volume " + k + " of " + set.volumes() + " (label "
                            + Catalog.label(set.setId(), k) + ") is missing: give its image or mounted directory");
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A directory that is not a mounted volume stands for the *.iso files in it. */
    private static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new java.nio.file.NoSuchFileException(p.toString(), null, "no such volume (ISO file or directory)");
            }
            if (Files.isDirectory(p) && !Volume.isMountedVolume(p)) {
                try (var list = Files.list(p)) {
                    List<Path> isos = list.filter(f -> f.getFileName().toString().endsWith(".iso")).sorted().toList();
                    if (isos.isEmpty()) {
                        throw new IOException(p + ": neither a mounted flar volume nor a directory of .iso files");
                    }
                    out.addAll(isos);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public Volume first() {
        return volumes.get(1);
    }

    @Override
    public Volume volume(Catalog set, int number) {
        return volumes.get(number);
    }

    @Override
    public Volume retry(Catalog set, int number, IOException problem) throws IOException {
        throw problem;
    }

    @Override
    public void close() throws IOException {
        for (Volume v : volumes.values()) {
            v.close();
        }
    }
}
