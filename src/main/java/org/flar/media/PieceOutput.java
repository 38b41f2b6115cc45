package org.flar.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.flar.entry.ContentDigest;

/**
 * Writes one volume's share of the archive as piece files under a content directory
 * ({@code FLAR/P0001}, {@code FLAR/P0002}, …), each at most the piece size, hashing each as it goes.
 * Refuses to take more than the volume's share.
 */
final class PieceOutput extends OutputStream {
    private final Path dir;
    private final int volume;
    private final long pieceSize;
    private final long share;
    private final List<Piece> pieces = new ArrayList<>();
    private OutputStream current;
    private MessageDigest digest;
    private long inPiece;
    private long written;

    PieceOutput(Path dir, int volume, long pieceSize, long share) throws IOException {
        this.dir = dir;
        this.volume = volume;
        this.pieceSize = pieceSize;
        this.share = share;
        Files.createDirectories(dir.resolve("FLAR"));
    }

    /** Bytes this volume can still take. */
    long room() {
        return share - written;
    }

    long written() {
        return written;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > room()) {
            throw new IOException("volume " + volume + " is full (" + share + " bytes of archive): " + (len - room())
                    + " bytes more do not fit");
        }
        while (len > 0) {
            if (current == null) {
                String name = Piece.fileName(pieces.size() + 1);
                current = Files.newOutputStream(dir.resolve(name));
                digest = ContentDigest.newSha256();
                inPiece = 0;
            }
            int n = (int) Math.min(len, pieceSize - inPiece);
            current.write(b, off, n);
            digest.update(b, off, n);
            inPiece += n;
            written += n;
            off += n;
            len -= n;
            if (inPiece == pieceSize) {
                endPiece();
            }
        }
    }

    private void endPiece() throws IOException {
        current.close();
        pieces.add(new Piece(volume, Piece.fileName(pieces.size() + 1), inPiece, HexFormat.of().formatHex(digest.digest())));
        current = null;
    }

    /** Ends the last piece; returns this volume's pieces in order. */
    List<Piece> finish() throws IOException {
        if (current != null) {
            endPiece();
        }
        return List.copyOf(pieces);
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
