package org.flar.identity.bundle;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.entry.Entry;
import org.flar.fs.FileStat;
import org.flar.fs.PathEntry;
import org.flar.fs.Posix;
import org.flar.identity.profile.PathGlob;

/**
 * A file of the root as an {@link Entry}: type, owner, mode, nanosecond mtime, link target,
 * device numbers and every xattr (ACLs included), read without following symlinks. A file
 * with several names is recorded as a plain file: identity files are not hardlinked.
 */
final class FileRecord {
    private FileRecord() {
    }

    static Entry of(Path root, String rel) throws IOException {
        Path p = root.resolve(rel);
        FileStat st = Posix.lstat(p);
        if (PathEntry.typeOf(st) == null) {
            throw new IllegalArgumentException(rel + ": a socket cannot be saved in an identity bundle");
        }
        return PathEntry.of(p, rel, st).build();
    }

    /** {@code rel} and, for a directory, everything below it, parents before children. */
    static List<String> tree(Path root, String rel) throws IOException {
        List<String> out = new ArrayList<>();
        out.add(rel);
        if (PathGlob.isRealDirectory(root.resolve(rel))) {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(root.resolve(rel))) {
                for (Path c : s) {
                    names.add(c.getFileName().toString());
                }
            }
            names.sort(null);
            for (String n : names) {
                out.addAll(tree(root, rel + "/" + n));
            }
        }
        return out;
    }


}
