package org.flar.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.flar.location.LocationSettings;
import org.flar.location.Locations;
import org.flar.progress.Progress;

/**
 * A remote archive (http(s)://, s3://) as a local file, for the commands that need one whole
 * and seekable: a media set is planned from the archive's size and cut at volume boundaries.
 * The copy goes to $TMPDIR (the caller removes it); its checksums are checked where the set is
 * verified and restored, as for any archive file.
 */
public final class ArchiveFetch {
    private ArchiveFetch() {
    }

    public static Path toTemporaryFile(String location, LocationSettings settings, Progress progress) throws IOException {
        Path tmp = Files.createTempFile("flar-fetched-", ".flar");
        try (InputStream in = Locations.of(location, settings, progress).read()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
