package org.flar.format.pax;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.flar.entry.Entry;
import org.flar.format.FlashArchive;
import org.flar.format.PayloadWriter;

/**
 * Writes a POSIX pax payload as docs/format.md describes it: a pax 'x' header for every entry,
 * raw binary xattrs, star-style ACL text and GNU sparse 1.0. Not thread-safe.
 *
 * <p>Neither {@link #finish()} nor {@link #close()} closes the stream given: the caller owns it
 * (it usually wraps a compressor that must be finished after the payload).
 */
public final class PaxWriter implements PayloadWriter {
    private final BlockOutput out;
    private boolean finished;
    /** After a failed write the payload is broken; it must not be made to look complete. */
    private boolean failed;

    public PaxWriter(OutputStream out) {
        this.out = new BlockOutput(out);
    }

    @Override
    public void write(Entry entry, InputStream content) throws IOException {
        if (finished || failed) {
            throw new IOException("payload writer is " + (failed ? "broken by an earlier error" : "finished")
                    + "; cannot write entry '" + entry.path() + "'");
        }
        if (entry.size() > FlashArchive.MAX_FILE_SIZE) {
            // A reader refuses it (see FlashArchive.MAX_FILE_SIZE): better no archive than one nobody can read.
            throw new IOException("entry '" + entry.path() + "' is " + entry.size() + " bytes, more than the "
                    + FlashArchive.MAX_FILE_SIZE + " bytes (16 TiB) a flash archive holds per file");
        }
        HeaderEncoder.Encoded header = HeaderEncoder.encode(entry);
        if (header.contentSize() > 0 && content == null) {
            throw new IOException("no content given for entry '" + entry.path() + "'");
        }
        failed = true;
        out.write(header.bytes());
        if (content != null) {
            copyExactly(entry, content, header.contentSize());
        }
        out.padToBlock();
        failed = false;
    }

    /** The header already promised the size: a file that changed while being read cannot be stored. */
    private void copyExactly(Entry entry, InputStream content, long size) throws IOException {
        long copied = out.copy(content, size);
        if (copied < size) {
            throw new IOException("entry '" + entry.path() + "' shrank while being archived: " + copied
                    + " of " + size + " bytes");
        }
        if (content.read() >= 0) {
            throw new IOException("entry '" + entry.path() + "' grew while being archived: more than "
                    + size + " bytes");
        }
    }

    @Override
    public void finish() throws IOException {
        if (failed) {
            throw new IOException("payload writer is broken by an earlier error");
        }
        if (!finished) {
            out.writeEndMarker();
            finished = true;
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (failed) {
            out.flush();
        } else {
            finish();
        }
    }
}
