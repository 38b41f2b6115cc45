package org.flar.media;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The capacity of one volume, in 2048-byte sectors: a named medium or a size. Suffixes K, M, G, T
 * (and KB, MB, …) are powers of 1000, as disc makers count ("4.7G" is a DVD); KiB, MiB, GiB, TiB
 * are powers of 1024. A size is rounded down to whole sectors.
 */
public record MediaSize(String name, long sectors) {
    public static final int SECTOR = 2048;

    /** The recordable capacities of the common discs (sectors of user data). */
    private static final Map<String, Long> NAMED = Map.of(
            "cd650", 333_000L, "cd700", 360_000L, "dvd5", 2_295_104L, "dvd9", 4_173_824L,
            "bd25", 12_219_392L, "bd50", 24_438_784L);

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(i?)(b?)");

    public long bytes() {
        return sectors * SECTOR;
    }

    public static MediaSize parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Long named = NAMED.get(t);
        if (named != null) {
            return new MediaSize(t, named);
        }
        double bytes;
        try {
            bytes = bytesOf(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--media " + text + ": not a medium (cd650, cd700, dvd5, dvd9, bd25, "
                    + "bd50) nor a size (64M, 700MiB, 4.7G)");
        }
        long sectors = (long) (bytes / SECTOR);
        // 8 MiB: below that the ISO structures and flar's margin (3 MiB) leave little room for data.
        if (sectors < (8 << 20) / SECTOR) {
            throw new IllegalArgumentException("--media " + text + ": too small for a volume (at least 8 MiB)");
        }
        return new MediaSize(text.strip(), sectors);
    }

    /** "64M" (powers of 1000), "700MiB" (powers of 1024), "4.7G", "123" (bytes). */
    public static double bytesOf(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || (!m.group(3).isEmpty() && m.group(2).isEmpty())) {
            throw new IllegalArgumentException("'" + text + "' is not a size (64M, 700MiB, 4.7G)");
        }
        int power = m.group(2).isEmpty() ? 0 : " kmgt".indexOf(m.group(2));
        return Double.parseDouble(m.group(1)) * Math.pow(m.group(3).isEmpty() ? 1000 : 1024, power);
    }

    @Override
    public String toString() {
        return name + " (" + sectors + " sectors, " + bytes() + " bytes)";
    }
}
