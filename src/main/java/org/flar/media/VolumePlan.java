package org.flar.media;

/**
 * How much of the archive each volume holds. A volume's image must stay within the medium's
 * capacity; besides the archive's bytes it carries the ISO 9660 structures (system area,
 * descriptors, path tables, the Rock Ridge and Joliet directory trees, and the 300 KiB of
 * padding xorriso appends), the catalog and the README, and, on volume 1, what the volume-1
 * master reserves (the rescue system). The margins below are generous on purpose; after
 * mastering the real image size is checked against the capacity all the same.
 *
 * @param pieceSize bytes per piece file, a multiple of 2048
 * @param reserved  bytes volume 1's master adds (0 for a plain volume)
 */
public record VolumePlan(MediaSize media, long pieceSize, long reserved) {

    /** ISO structures, padding, catalog and README of one volume. */
    static final long FIXED_OVERHEAD = 3L << 20;
    /** Per piece file: two directory records (ISO and Joliet), Rock Ridge fields, the last sector's slack. */
    static final long PER_PIECE = 8L << 10;
    /**
     * Default piece size: 256 MiB. Far below 2 GiB, where ISO readers (and ReaR's users) meet
     * signed 32-bit sizes; a piece is read twice on restore (checked, then used), and 256 MiB is
     * small enough that the second read comes from the page cache even in a rescue system with
     * 1 GiB of memory; large enough that a 50 GB Blu-ray holds fewer than 200 files.
     */
    public static final long DEFAULT_PIECE_SIZE = 256L << 20;

    public VolumePlan {
        if (pieceSize < 64 << 10 || pieceSize % MediaSize.SECTOR != 0 || pieceSize >= 1L << 31) {
            throw new IllegalArgumentException("piece size " + pieceSize + ": a multiple of 2048 from 64 KiB to below 2 GiB");
        }
    }

    /** Bytes of the archive volume {@code volume} holds at most. */
    public long share(int volume) {
        long usable = media.bytes() - FIXED_OVERHEAD - (volume == 1 ? reserved : 0);
        long data = usable - (usable / pieceSize + 1) * PER_PIECE;
        return Math.max(0, data / MediaSize.SECTOR * MediaSize.SECTOR);
    }

    /** Volumes an archive of {@code archiveSize} bytes takes when volume 1 holds as much as it can. */
    public int volumesFor(long archiveSize) {
        long rest = archiveSize - share(1);
        if (rest <= 0) {
            return 1;
        }
        return (int) (1 + (rest + share(2) - 1) / share(2));
    }

    /** Refuses a medium on which a volume would hold nothing. */
    void check() {
        if (share(1) <= 0 || share(2) <= 0) {
            throw new IllegalArgumentException("--media " + media.name() + " leaves no room for data on a volume"
                    + (reserved > 0 ? " (volume 1's boot payload takes " + reserved + " bytes)" : ""));
        }
    }
}
