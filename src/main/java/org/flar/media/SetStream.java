package org.flar.media;

import org.flar.pipeline.BulkInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.flar.entry.ContentDigest;
import org.flar.format.CorruptArchiveException;
import org.flar.progress.Progress;

/**
 * The archive, reassembled from a set's pieces in the order of volume 1's table. Each piece is
 * read and checked against its SHA-256 before any of its bytes are passed on, then read again
 * to be passed on (from the page cache, as a rule) and checked again at its end. A piece that
 * fails its check goes back to the {@link VolumeSource}: a drive asks for the volume again and
 * the stream resumes at that piece, so nothing passed on before is lost. At the end the whole
 * archive's size and SHA-256 are checked against the table.
 */
public final class SetStream extends BulkInputStream {
    private final VolumeSource source;
    private final Catalog set;
    private final List<Piece> pieces;
    private final MessageDigest whole = ContentDigest.newSha256();
    private int next;
    private Volume volume;
    private Piece piece;
    private InputStream in;
    private MessageDigest pieceDigest;
    private long total;
    private boolean ended;

    /** The reader of the stream (deployer, verifier) reports progress; the stream itself does not. */
    public SetStream(VolumeSource source, Catalog set) {
        this.source = source;
        this.set = set;
        this.pieces = set.pieces();
    }

    /** Reads and checks every piece without passing anything on: the check before a restore writes. */
    public static void checkAll(VolumeSource source, Catalog set, Progress progress) throws IOException {
        progress.phase("checking the set", set.archiveSize());
        for (Piece p : set.pieces()) {
            check(source.volume(set, p.volume()), p);
            progress.entry(p.describe(), p.size());
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (in == null && !openNext()) {
                return -1;
            }
            int n = in.read(b, off, len);
            if (n > 0) {
                pieceDigest.update(b, off, n);
                whole.update(b, off, n);
                total += n;
                return n;
            }
            in.close();
            in = null;
            if (!HexFormat.of().formatHex(pieceDigest.digest()).equals(piece.sha256())) {
                throw new CorruptArchiveException(volume.describe() + ", piece " + piece.file()
                        + ": changed between its check and its use (an unreliable drive?)");
            }
        }
    }

    private boolean openNext() throws IOException {
        if (next == pieces.size()) {
            end();
            return false;
        }
        piece = pieces.get(next);
        if (volume == null || volume.catalog().volume() != piece.volume()) {
            volume = source.volume(set, piece.volume());
        }
        while (true) {
            try {
                check(volume, piece);
                break;
            } catch (CorruptArchiveException e) {
                volume = source.retry(set, piece.volume(), e);
            }
        }
        in = volume.open(piece);
        pieceDigest = ContentDigest.newSha256();
        next++;
        return true;
    }

    private void end() throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        String sha = HexFormat.of().formatHex(whole.digest());
        if (total != set.archiveSize() || !sha.equals(set.archiveSha256())) {
            throw new CorruptArchiveException("set " + set.setName() + ": the pieces joined give " + total + " bytes with "
                    + "SHA-256 " + sha + ", volume 1 says " + set.archiveSize() + " bytes, " + set.archiveSha256());
        }
    }

    /** Reads {@code p} from {@code v} and compares its SHA-256 with the table's. */
    static void check(Volume v, Piece p) throws IOException {
        check(v, p, null);
    }

    /** As {@link #check(Volume, Piece)}, feeding the bytes to {@code alsoTo} too unless it is null. */
    static void check(Volume v, Piece p, MessageDigest alsoTo) throws IOException {
        MessageDigest d = ContentDigest.newSha256();
        try (InputStream in = v.open(p)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
                if (alsoTo != null) {
                    alsoTo.update(buf, 0, n);
                }
            }
        }
        if (!HexFormat.of().formatHex(d.digest()).equals(p.sha256())) {
            throw new CorruptArchiveException(v.describe() + ", piece " + p.file()
                    + ": damaged (its SHA-256 does not match the catalog)");
        }
    }

    /** Reads the rest, so the whole-archive check runs even when the reader stopped at the archive's end. */
    public void drain() throws IOException {
        transferTo(OutputStream.nullOutputStream());
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
    }
}
