package org.flar.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.location.LocationSettings;
import org.flar.location.Locations;
import org.flar.progress.Progress;

/**
 * {@code media create} into s3://BUCKET/PREFIX: the volumes are made in a local staging
 * directory (xorriso writes files), then each image is uploaded as PREFIX/NAME-i.iso, in order,
 * and removed. A failed upload leaves the images already sent and says which; the staging
 * directory is always removed.
 */
public final class ImageUpload {
    private ImageUpload() {
    }

    /** Whether a media OUTDIR names an S3 prefix rather than a directory. */
    public static boolean isRemote(String outDir) {
        return Locations.isRemote(outDir);
    }

    /** A staging directory in $TMPDIR for a set bound for {@code prefix}. */
    public static Path staging(String prefix) throws IOException {
        if (!prefix.toLowerCase(java.util.Locale.ROOT).startsWith("s3://")) {
            throw new IllegalArgumentException(prefix + ": volumes go to a directory or s3://BUCKET/PREFIX");
        }
        return Files.createTempDirectory("flar-media-");
    }

    /** Uploads {@code images} under {@code prefix}; returns their locations. */
    public static List<String> upload(List<Path> images, String prefix, LocationSettings settings, Progress progress)
            throws IOException {
        String base = prefix.endsWith("/") ? prefix : prefix + "/";
        List<String> sent = new ArrayList<>();
        for (Path image : images) {
            String url = base + image.getFileName();
            progress.phase("uploading " + url, Files.size(image));
            Locations.of(url, settings, progress).write((out, file) -> Files.copy(image, out), false);
            sent.add(url);
            Files.delete(image);
        }
        return sent;
    }
}
