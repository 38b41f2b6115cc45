package org.flar.media;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Masters one volume's content directory into an ISO 9660 image. Plain data volumes use
 * {@link XorrisoMaster}; the rescue package supplies a bootable master for volume 1.
 */
public interface IsoMaster {

    /**
     * Bytes of the image this master adds beyond the content directory (a boot payload:
     * kernel, initramfs, EFI image). The planner leaves this much of volume 1 free.
     */
    long reservedBytes();

    /** Writes {@code isoFile} holding the files of {@code contentDir}, labelled {@code volumeLabel}. */
    void master(Path contentDir, String volumeLabel, Path isoFile) throws IOException;
}
