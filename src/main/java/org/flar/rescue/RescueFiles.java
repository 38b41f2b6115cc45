package org.flar.rescue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flar.media.XorrisoMaster;

/** media create --rescue: a rescue system given as files, a directory or a rescue ISO. */
public final class RescueFiles {
    private RescueFiles() {
    }

    /**
     * @param rescue  a directory holding vmlinuz and initrd.img, or a rescue ISO (its /flar-rescue)
     * @param scratch where an ISO's two files are extracted
     */
    public static RescueSystem load(Path rescue, Path scratch) throws IOException {
        Path dir = rescue;
        if (Files.isRegularFile(rescue)) {
            dir = scratch.resolve("flar-rescue");
            XorrisoMaster.run(List.of("-osirrox", "on", "-report_about", "SORRY", "-indev", rescue.toString(),
                    "-extract", "/flar-rescue", dir.toString()), rescue);
        }
        Path kernel = dir.resolve("vmlinuz");
        Path initramfs = dir.resolve("initrd.img");
        if (!Files.isRegularFile(kernel) || !Files.isRegularFile(initramfs)) {
            throw new IOException(rescue + ": not a rescue system (no vmlinuz and initrd.img; flar rescue build "
                    + "--output DIR or --iso FILE makes one)");
        }
        return new RescueSystem(dir, "?", Files.size(kernel), Files.size(initramfs), 0, 0, "", true);
    }
}
