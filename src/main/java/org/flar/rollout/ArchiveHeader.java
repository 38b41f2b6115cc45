package org.flar.rollout;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flar.format.CorruptArchiveException;
import org.flar.format.FlashArchive;

/** How many bytes of an archive file come before its payload: what a host's check needs to be sent. */
final class ArchiveHeader {
    private static final byte[] MARKER = (FlashArchive.BEGIN + FlashArchive.ARCHIVE + "\n").getBytes(UTF_8);

    private ArchiveHeader() {
    }

    static long length(Path archive) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
            long offset = 0;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                offset++;
                line.write(b);
                if (b == '\n') {
                    if (line.size() == MARKER.length && java.util.Arrays.equals(line.toByteArray(), MARKER)) {
                        return offset;
                    }
                    line.reset();
                } else if (line.size() > FlashArchive.MAX_LINE) {
                    line.reset();
                }
            }
        }
        throw new CorruptArchiveException(archive + ": no archive section (not a flash archive?)");
    }
}
