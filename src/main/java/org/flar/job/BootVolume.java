package org.flar.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.flar.media.IsoMaster;
import org.flar.rescue.BootableMaster;
import org.flar.rescue.RescueBuilder;
import org.flar.rescue.RescueFiles;
import org.flar.rescue.RescueSystem;

/**
 * Which master makes volume 1 of a set: plain when asked for none; bootable with the rescue
 * system given (an error when it cannot be used) or by default flar rescue build's — and when
 * that cannot be had, a note and a plain volume, so that a cron job still gets its set.
 */
public final class BootVolume {
    private BootVolume() {
    }

    /**
     * @param rescue  a rescue directory or ISO given by the user, or null for the default build
     * @param scratch where a rescue ISO's kernel and initramfs are extracted
     * @param append  extra kernel parameters for the restore entries
     * @param notes   what the user should know (which rescue system, or why none)
     */
    public static IsoMaster choose(IsoMaster plain, boolean noBoot, Path rescue, Path scratch, List<String> append,
                                   Consumer<String> notes) throws IOException {
        if (noBoot) {
            return plain;
        }
        RescueSystem system;
        if (rescue != null) {
            system = RescueFiles.load(rescue, scratch);
        } else {
            try {
                system = RescueBuilder.standard(line -> notes.accept("rescue: " + line)).build();
            } catch (IOException | RuntimeException e) {
                notes.accept("note: volume 1 is a plain data volume, not bootable: no rescue system (" + e.getMessage()
                        + "); flar rescue build makes one, --no-boot says you want none");
                return plain;
            }
        }
        notes.accept(String.format("volume 1 is bootable: rescue system %s (%.1f MiB)", system.dir(),
                system.bytesOnMedium() / (1024.0 * 1024)));
        return new BootableMaster(system, append);
    }
}
