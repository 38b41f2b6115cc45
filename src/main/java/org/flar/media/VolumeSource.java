package org.flar.media;

import java.io.Closeable;
import java.io.IOException;
import org.flar.format.CorruptArchiveException;

/** Where a restore gets its volumes: files and directories given at once ({@link Shelf}), or one drive ({@link Drive}). */
public interface VolumeSource extends Closeable {

    /** Volume 1, which holds the set's table. */
    Volume first() throws IOException;

    /** Volume {@code number} of {@code set} (volume 1's catalog), checked to belong to it. */
    Volume volume(Catalog set, int number) throws IOException;

    /**
     * Volume {@code number} failed with {@code problem} (a damaged piece): a drive reports it and
     * asks for the volume again; files given at once cannot be replaced, so the problem is thrown.
     */
    Volume retry(Catalog set, int number, IOException problem) throws IOException;

    /** Whether a bad volume can be replaced during the restore (a drive), so no check before writing is needed. */
    default boolean replaceable() {
        return false;
    }

    /** Refuses a volume of another set, or another volume than {@code number}, naming it. */
    static void checkBelongs(Volume v, Catalog set, int number) throws CorruptArchiveException {
        Catalog c = v.catalog();
        if (!c.setId().equals(set.setId())) {
            throw new CorruptArchiveException(v.describe() + " belongs to another set (" + c.setName() + ", set id "
                    + c.setId() + "), not to " + set.setName() + " (set id " + set.setId() + ")");
        }
        if (c.volume() != number) {
            throw new CorruptArchiveException(v.describe() + " is volume " + c.volume() + " of " + set.volumes()
                    + ", but volume " + number + " (" + Catalog.label(set.setId(), number) + ") comes next");
        }
        for (Piece p : c.ownPieces()) {
            if (!set.pieces().contains(p)) {
                throw new CorruptArchiveException(v.describe() + ": its catalog lists " + p.file()
                        + " unlike volume 1's table (damaged or forged catalog)");
            }
        }
        if (c.ownPieces().size() != set.pieces().stream().filter(p -> p.volume() == number).count()) {
            throw new CorruptArchiveException(v.describe() + ": its catalog lists other pieces than volume 1's table");
        }
    }
}
