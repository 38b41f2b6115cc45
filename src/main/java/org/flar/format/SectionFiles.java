package org.flar.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Solaris' flar split and combine: one file per section, named after it ("cookie" for the first
 * line, "archive" for the payload), and back. Contents move byte for byte, so checksums hold.
 */
public final class SectionFiles {
    /** The order combine writes the standard sections in, between identification and the user sections. */
    private static final List<String> ORDER = List.of(FlashArchive.MANIFEST, FlashArchive.PREDEPLOYMENT,
            FlashArchive.POSTDEPLOYMENT, FlashArchive.REBOOT, FlashArchive.SUMMARY, FlashArchive.IDENTITY,
            FlashArchive.LAYOUT, FlashArchive.STATE, FlashArchive.DELETIONS, FlashArchive.BASE,
            FlashArchive.METADATA);

    private SectionFiles() {
    }

    public static void split(InputStream in, String archiveName, Path dir, boolean force) throws IOException {
        try (FlashArchiveReader reader = FlashArchiveReader.open(in, archiveName)) {
            NewRegularFile.write(dir.resolve("cookie"), force, out -> out.write((reader.cookie() + "\n").getBytes(StandardCharsets.US_ASCII)));
            for (String name : reader.sectionNames()) {
                if (name.equals(FlashArchive.ARCHIVE)) {
                    PayloadStream payload = reader.payload();
                    // Verified inside the write, so that a damaged payload leaves no file behind.
                    NewRegularFile.write(dir.resolve(name), force, out -> {
                        payload.transferTo(out);
                        payload.verify();
                    });
                } else {
                    try (InputStream s = reader.sectionStream(name)) {
                        NewRegularFile.write(dir.resolve(name), force, s::transferTo);
                    }
                }
            }
        }
    }

    public static void combine(Path dir, OutputStream out) throws IOException {
        List<String> names = new ArrayList<>();
        names.add(FlashArchive.IDENTIFICATION);
        for (String s : ORDER) {
            if (Files.exists(dir.resolve(s))) {
                names.add(s);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            names.addAll(inArchiveOrder(dir.resolve(FlashArchive.IDENTIFICATION),
                    files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("X")).sorted().toList()));
        }
        Path cookie = dir.resolve("cookie");
        String first = Files.exists(cookie) ? Files.readString(cookie, StandardCharsets.US_ASCII).strip() : FlashArchive.COOKIE;
        if (!first.startsWith(FlashArchive.COOKIE_PREFIX)) {
            throw new CorruptArchiveException(cookie + ": not a flash archive cookie");
        }
        out.write((first + "\n").getBytes(StandardCharsets.US_ASCII));
        for (String name : names) {
            Path p = need(dir.resolve(name));
            if (!FlashArchive.isValidSectionName(name)) {
                throw new IllegalArgumentException(p + ": '" + name + "' is not a valid section name");
            }
            out.write((FlashArchive.BEGIN + name + "\n").getBytes(StandardCharsets.UTF_8));
            Files.copy(p, out);
            out.write((FlashArchive.END + name + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write((FlashArchive.BEGIN + FlashArchive.ARCHIVE + "\n").getBytes(StandardCharsets.UTF_8));
        Files.copy(need(dir.resolve(FlashArchive.ARCHIVE)), out);
        out.flush();
    }

    /**
     * User sections in the order the identification's section_sha256 lists them, which is the
     * order they had in the archive; sections it does not list follow by name.
     */
    private static List<String> inArchiveOrder(Path identification, List<String> userSections) throws IOException {
        List<String> listed = new ArrayList<>();
        if (Files.isRegularFile(identification)) {
            String prefix = Identification.SECTION_SHA256 + "=";
            for (String line : new String(Files.readAllBytes(identification), StandardCharsets.UTF_8).split("\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
                    for (String item : line.substring(prefix.length()).split(",")) {
                        int colon = item.lastIndexOf(':');
                        listed.add(colon < 0 ? item : item.substring(0, colon));
                    }
                }
            }
        }
        List<String> ordered = new ArrayList<>(userSections);
        ordered.sort(java.util.Comparator.comparingInt(n -> listed.contains(n) ? listed.indexOf(n) : Integer.MAX_VALUE));
        return ordered;
    }

    private static Path need(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(p.toString(), null, "missing section file");
        }
        return p;
    }
}
