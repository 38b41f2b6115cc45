package org.flar.rescue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.format.ArchivePaths;
import org.flar.format.compress.Compression;
import org.flar.format.cpio.NewcWriter;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;

/**
 * Packs the rescue tree into the initramfs the kernel unpacks: flar's own cpio newc writer over
 * zstd (Debian's kernel reads both), every entry owned by root, parents before children, names
 * in byte order so the same tree always packs to the same bytes.
 */
final class InitramfsPacker {
    /** zstd level: the image is packed once per flar build and read on every rescue boot. */
    private static final int LEVEL = 15;

    private InitramfsPacker() {
    }

    static void pack(Path root, Path out) throws IOException {
        try (OutputStream file = Files.newOutputStream(out);
             OutputStream z = Compression.ZSTD.compress(file, LEVEL, Runtime.getRuntime().availableProcessors());
             NewcWriter cpio = new NewcWriter(z, e -> 1)) {
            writeChildren(root, "", cpio);
            cpio.finish();
        }
    }

    private static void writeChildren(Path root, String dir, NewcWriter cpio) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir.isEmpty() ? root : root.resolve(dir))) {
            for (Path p : s) {
                names.add(dir.isEmpty() ? p.getFileName().toString() : dir + "/" + p.getFileName());
            }
        }
        names.sort(ArchivePaths::compare);
        for (String rel : names) {
            Path p = root.resolve(rel);
            FileStat st = Posix.lstat(p);
            Entry.Builder b = Entry.builder(rel, type(st, p)).mode(st.permissions()).owner(0, 0).mtimeNanos(st.mtimeNanos());
            if (st.isSymlink()) {
                cpio.write(b.linkTarget(Posix.readlink(p)).build(), null);
            } else if (st.isRegular()) {
                try (InputStream in = Files.newInputStream(p)) {
                    cpio.write(b.size(st.size()).build(), in);
                }
            } else {
                cpio.write(b.build(), null);
                writeChildren(root, rel, cpio);
            }
        }
    }

    private static EntryType type(FileStat st, Path p) throws IOException {
        if (st.isSymlink()) {
            return EntryType.SYMLINK;
        }
        if (st.isRegular()) {
            return EntryType.FILE;
        }
        if (st.isDirectory()) {
            return EntryType.DIRECTORY;
        }
        throw new IOException(p + ": neither file, directory nor symlink: not expected in the rescue tree");
    }
}
