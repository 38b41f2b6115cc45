package org.flar.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flar.capture.ExcludeRules;
import org.flar.location.FileLocation;
import org.flar.location.Location;
import org.flar.location.LocationSettings;
import org.flar.location.Locations;
import org.flar.progress.Progress;

/**
 * What a differential is made against (create -A, compare): an old root directory, or a flash
 * archive at any location, of which only the text sections are read.
 */
public final class Master {
    private final Path directory;
    private final Location archive;

    private Master(Path directory, Location archive) {
        this.directory = directory;
        this.archive = archive;
    }

    /** A local directory or archive file. */
    public static Master of(Path path) {
        return Files.isDirectory(path) ? new Master(path, null) : new Master(null, new FileLocation(path));
    }

    /** A local directory, or an archive named as any command names one (a file, http(s)://, s3://). */
    public static Master of(String name, LocationSettings settings, Progress progress) {
        if (!Locations.isRemote(name)) {
            if (name.equals("-")) {
                throw new IllegalArgumentException("the master cannot be standard input (-): name a file, URL or directory");
            }
            return of(Path.of(name));
        }
        return new Master(null, Locations.of(name, settings, progress));
    }

    /** Opens the old state a capture is compared with; the caller closes it. */
    public Differ differ(ExcludeRules rules, boolean oneFileSystem) throws IOException {
        if (directory != null) {
            return Differ.againstDirectory(directory, rules, oneFileSystem);
        }
        return new Differ(ArchiveState.open(archive::readSections, archive.toString()), rules);
    }

    @Override
    public String toString() {
        return directory != null ? directory.toString() : archive.toString();
    }
}
