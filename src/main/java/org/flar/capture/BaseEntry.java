package org.flar.capture;

import java.nio.file.Path;
import org.flar.format.ManifestEntry;
import org.flar.format.ManifestLine;

/**
 * One entry of the old state a differential is made against: its manifest line, and for an
 * old directory the file it was scanned from, so its checksum can be computed only when needed
 * (a differential reads old content only for what it replaces or deletes, or with --checksum).
 *
 * @param line   the old state's view of the entry; a file's sha256 is null when not yet computed
 * @param source the entry in the old directory, or null when the old state is an archive
 * @param text   the line as the old archive holds it, or null: an unchanged entry's state line is
 *               copied, not formatted again (a differential of an unchanged tree is mostly that)
 */
public record BaseEntry(ManifestEntry line, Path source, String text) {

    public BaseEntry(ManifestEntry line, Path source) {
        this(line, source, null);
    }

    /** The manifest line, without its line feed. */
    public String formatted() {
        return text != null ? text : ManifestLine.format(line);
    }

    public String path() {
        return line.path();
    }
}
