package org.flar.location;

import java.net.URI;
import org.flar.location.http.HttpLocation;
import org.flar.location.s3.S3Location;
import org.flar.progress.Progress;

/** Picks the kind of location an archive name is: "-", http(s)://, s3://, or a file. */
public final class Locations {
    private Locations() {
    }

    public static Location of(String name, LocationSettings settings, Progress progress) {
        if (name.equals("-")) {
            return new StandardStreams();
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new HttpLocation(uri(name), settings, progress);
        }
        if (lower.startsWith("s3://")) {
            return S3Location.of(name, settings, progress);
        }
        if (lower.matches("[a-z][a-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException(name + ": unknown kind of location (a file, -, http://, https:// or s3://bucket/key)");
        }
        return new FileLocation(java.nio.file.Path.of(name));
    }

    /** Whether {@code name} is a remote location rather than a file or "-". */
    public static boolean isRemote(String name) {
        return name.matches("(?i)(https?|s3)://.*");
    }

    private static URI uri(String name) {
        try {
            return new URI(name);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(name + ": not a valid URL: " + e.getReason());
        }
    }
}
