package org.flar.media;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flar.testing.Tools;

/** What xorriso (not flar) sees in an image, and damage done at a place it names. */
final class IsoTools {
    private IsoTools() {
    }

    record IsoFile(String path, long lba, long size) {
    }

    private static final Pattern LBA = Pattern.compile(
            "File data lba:\\s*\\d+\\s*,\\s*(\\d+)\\s*,\\s*\\d+\\s*,\\s*(\\d+)\\s*,\\s*'(.*)'");

    static String volumeId(Path iso) {
        String toc = Tools.run(List.of("xorriso", "-indev", iso.toString(), "-pvd_info"), null);
        Matcher m = Pattern.compile("Volume Id\\s*:\\s*(\\S+)").matcher(toc);
        if (!m.find()) {
            throw new AssertionError("no volume id in xorriso -pvd_info of " + iso + ":\n" + toc);
        }
        return m.group(1);
    }

    static List<IsoFile> files(Path iso) {
        String out = Tools.run(List.of("xorriso", "-indev", iso.toString(), "-find", "/", "-type", "f",
                "-exec", "report_lba", "--"), null);
        List<IsoFile> files = new ArrayList<>();
        Matcher m = LBA.matcher(out);
        while (m.find()) {
            files.add(new IsoFile(m.group(3), Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
        }
        return files;
    }

    /** Flips one byte in the middle of {@code file} inside the image. */
    static void flipByteIn(Path iso, String file) throws IOException {
        IsoFile f = files(iso).stream().filter(x -> x.path().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " not in " + iso));
        try (RandomAccessFile raf = new RandomAccessFile(iso.toFile(), "rw")) {
            long at = f.lba() * 2048 + f.size() / 2;
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x5a);
        }
    }

    /** Extracts an image as a mounted disc would show it: with xorriso, names in lower case as Linux shows them without Rock Ridge. */
    static Path extractAsMounted(Path iso, Path dir) {
        Tools.run(List.of("xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/", dir.toString()), null);
        Tools.run(List.of("bash", "-c", "cd \"$1\" && chmod -R u+w . && for f in $(find . -depth -mindepth 1); do "
                + "b=$(basename \"$f\"); l=${b,,}; [ \"$b\" = \"$l\" ] || mv \"$f\" \"$(dirname \"$f\")/$l\"; done", "-",
                dir.toString()), null);
        return dir;
    }
}
