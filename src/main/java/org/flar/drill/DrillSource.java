package org.flar.drill;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveReader;
import org.flar.layout.LayoutJson;
import org.flar.media.SetRestore;
import org.flar.media.Shelf;
import org.flar.media.XorrisoMaster;
import org.flar.progress.Progress;
import org.flar.rescue.RescueBuilder;
import org.flar.rescue.RescueFiles;
import org.flar.rescue.RescueSystem;

/** What a drill boots: the rescue system, the drives it finds the archive in, and the layout to size the disks by. */
public record DrillSource(RescueSystem rescue, List<Path> cdroms, byte[] layoutSection, String firmware) {

    /** A media set: volume 1 carries the rescue system; the layout is read from the set's archive. */
    public static DrillSource media(List<Path> volumes, Path scratch) throws IOException {
        RescueSystem rescue = null;
        for (Path v : volumes) {
            try {
                rescue = RescueFiles.load(v, scratch);
                break;
            } catch (IOException e) {
                // not volume 1
            }
        }
        if (rescue == null) {
            throw new IOException("none of the volumes is a bootable volume 1 (made without a rescue system?)");
        }
        byte[] layout;
        try (Shelf shelf = new Shelf(volumes)) {
            layout = new SetRestore(shelf, Progress.NONE).section(FlashArchive.LAYOUT);
        }
        return new DrillSource(rescue, volumes, layout, firmwareOf(layout));
    }

    /** One archive: put on an ISO of its own (label FLAR_DRILL), booted with the given or the default rescue system. */
    public static DrillSource archive(Path archive, Path rescuePath, Path scratch, Consumer<String> log) throws IOException {
        byte[] layout;
        try (InputStream in = Files.newInputStream(archive);
                FlashArchiveReader r = FlashArchiveReader.open(in, archive.toString())) {
            layout = r.hasSection(FlashArchive.LAYOUT) ? r.section(FlashArchive.LAYOUT) : null;
        }
        RescueSystem rescue = rescuePath != null ? RescueFiles.load(rescuePath, scratch)
                : RescueBuilder.standard(line -> log.accept("rescue: " + line)).build();
        Path iso = scratch.resolve("archive.iso");
        Files.deleteIfExists(iso);
        XorrisoMaster.run(List.of("-report_about", "SORRY", "-abort_on", "FAILURE", "-outdev", iso.toString(), "-volid",
                "FLAR_DRILL", "-map", archive.toAbsolutePath().toString(), "/drill.flar", "-commit"), iso);
        return new DrillSource(rescue, List.of(iso), layout, firmwareOf(layout));
    }

    private static String firmwareOf(byte[] layout) throws IOException {
        if (layout == null) {
            return "bios";
        }
        String f = LayoutJson.read(layout, "layout section").firmware();
        return f == null ? "bios" : f;
    }
}
