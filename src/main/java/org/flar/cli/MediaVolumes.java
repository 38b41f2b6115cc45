package org.flar.cli;

import org.flar.format.Identification;
import java.io.PrintWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flar.media.Catalog;
import org.flar.media.Drive;
import org.flar.media.Shelf;
import org.flar.media.VolumeSource;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where media restore and verify read volumes: the VOLUMES given, or one drive with prompts. */
final class MediaVolumes {
    @Option(names = "--drive", paramLabel = "DRIVE", description = "Read the volumes one after the other from DRIVE "
            + "(/dev/sr0, an image file, or a directory where each disc is mounted), asking for each by number and "
            + "label and waiting for Enter. A wrong or damaged volume is named and asked for again.")
    Path drive;

    @Parameters(paramLabel = "VOLUMES", arity = "0..*", description = "ISO images, directories of them, or "
            + "directories that are mounted volumes; in any order (each is placed by its catalog).")
    List<Path> volumes = List.of();

    /** @param prompts where a drive asks for the next volume */
    VolumeSource open(PrintWriter prompts) throws IOException {
        if ((drive == null) == volumes.isEmpty()) {
            throw new IllegalArgumentException("give the VOLUMES or --drive DRIVE (one of them)");
        }
        if (drive != null) {
            return new Drive(drive, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    prompts);
        }
        return new Shelf(volumes);
    }

    /** "web01 (created 20261123170501 UTC on web01, Debian GNU/Linux 12), 3 volumes, 412.0 MiB". */
    static String describe(Catalog set) {
        Map<String, String> id = set.identification();
        StringBuilder b = new StringBuilder(id.getOrDefault(Identification.CONTENT_NAME, set.setName()));
        b.append(" (created ").append(id.getOrDefault(Identification.CREATION_DATE, "?")).append(" UTC on ")
                .append(id.getOrDefault(Identification.CREATION_MASTER, "?"));
        if (id.containsKey("creation_os_name")) {
            b.append(", ").append(id.get(Identification.CREATION_OS_NAME)).append(' ').append(id.getOrDefault(Identification.CREATION_OS_VERSION, ""));
        }
        b.append("), set ").append(set.setId().substring(0, 8).toUpperCase(java.util.Locale.ROOT)).append(", ")
                .append(set.volumes()).append(set.volumes() == 1 ? " volume, " : " volumes, ")
                .append(Sizes.human(set.archiveSize()));
        // The catalog copies the archive's identification: its text is untrusted.
        return org.flar.format.Show.text(b.toString().replace(" )", ")"));
    }
}
