package org.flar.location;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Where an archive is read from or written to: a file, standard input/output ("-"), an
 * http(s):// URL or an s3://bucket/key object. Commands name archives as the user wrote them;
 * {@link Locations#of} picks the kind. {@link #toString} is the name for messages and JSON, as
 * given but without any credential.
 */
public interface Location {

    /** The whole archive, from its first byte, for a reader that goes to the end (deploy, verify). */
    InputStream read() throws IOException;

    /**
     * The archive for a reader that stops after the text sections (info, a differential's master,
     * a chain's order check): a remote location fetches it in small growing ranges, so only about
     * the bytes before the payload travel.
     */
    default InputStream readSections() throws IOException {
        return read();
    }

    /**
     * Writes an archive so that it appears under its name only once complete: a file under a
     * temporary name then renamed, an S3 object by one multipart upload completed at the end.
     */
    void write(Body body, boolean sync) throws IOException;

    /** Writes the archive's bytes. */
    interface Body {
        /** @param file the local file {@code out} writes (left out of a capture; a spool goes beside it), or null */
        void write(OutputStream out, Path file) throws IOException;
    }
}
