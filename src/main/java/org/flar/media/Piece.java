package org.flar.media;

/**
 * One file of a volume holding a stretch of the archive. Pieces are listed in archive order;
 * a piece's offset in the archive is the sum of the sizes before it.
 *
 * @param volume the volume that holds it, from 1
 * @param file   its path on the volume, e.g. {@code FLAR/P0001}
 * @param size   bytes, at least 1
 * @param sha256 lowercase hex SHA-256 of its bytes
 */
public record Piece(int volume, String file, long size, String sha256) {

    /** The name of the {@code number}th piece (from 1) of a volume: an ISO 9660 level 1 name. */
    static String fileName(int number) {
        return String.format("FLAR/P%04d", number);
    }

    String describe() {
        return "volume " + volume + ", piece " + file;
    }
}
