package org.flar.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The archives one scheduled capture has made, from their names in its directory:
 * {@code NAME-YYYYMMDD-HHMMSS-full.flar} and {@code ...-diff.flar}, the time in UTC. A differential
 * belongs to the full archive before it, the one it was made against. Other files are not touched.
 */
public final class ArchiveSeries {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** One archive of the series. */
    public record Archive(Path file, String stamp, boolean full) {
    }

    private final String name;
    private final Path directory;
    private final List<Archive> archives;

    private ArchiveSeries(String name, Path directory, List<Archive> archives) {
        this.name = name;
        this.directory = directory;
        this.archives = archives;
    }

    /** The series of {@code name} in {@code directory} (empty when the directory does not exist yet). */
    public static ArchiveSeries of(String name, Path directory) throws IOException {
        Pattern own = Pattern.compile(Pattern.quote(name) + "-(\\d{8}-\\d{6})-(full|diff)\\.flar");
        List<Archive> found = new ArrayList<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path f : files.toList()) {
                    Matcher m = own.matcher(f.getFileName().toString());
                    if (m.matches() && Files.isRegularFile(f)) {
                        found.add(new Archive(f, m.group(1), m.group(2).equals("full")));
                    }
                }
            }
        }
        // The stamp sorts by time; at one stamp a full archive comes before its differentials.
        found.sort((a, b) -> a.stamp().equals(b.stamp()) ? Boolean.compare(b.full(), a.full()) : a.stamp().compareTo(b.stamp()));
        return new ArchiveSeries(name, directory, List.copyOf(found));
    }

    public List<Archive> archives() {
        return archives;
    }

    /** The newest full archive, or null. */
    public Archive lastFull() {
        return archives.reversed().stream().filter(Archive::full).findFirst().orElse(null);
    }

    /** Differentials made since the newest full archive. */
    public int differentialsSinceLastFull() {
        int n = 0;
        for (Archive a : archives.reversed()) {
            if (a.full()) {
                break;
            }
            n++;
        }
        return n;
    }

    /** The file a capture at {@code now} writes. */
    public Path next(Instant now, boolean full) {
        return directory.resolve(name + "-" + STAMP.format(now) + (full ? "-full" : "-diff") + ".flar");
    }

    /**
     * What to remove so that {@code keep} full archives remain, each with its differentials: every
     * archive older than the keep-th newest full one (a differential older than every full archive
     * kept belongs to none of them).
     */
    public List<Archive> beyond(int keep) {
        List<Archive> fulls = archives.stream().filter(Archive::full).toList();
        if (fulls.size() <= keep) {
            return List.of();
        }
        Archive oldestKept = fulls.get(fulls.size() - keep);
        return archives.subList(0, archives.indexOf(oldestKept));
    }
}
