package org.flar.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.SparseMap;
import org.flar.format.CheckedArchive;
import org.flar.format.CorruptArchiveException;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;
import org.flar.fs.UnnamedFile;
import org.flar.progress.Progress;

/**
 * Restores entries one by one. Every non-directory is made under a temporary name beside its
 * destination, given its metadata, checked, and only then renamed into place: a failed
 * deployment never leaves a half-written file under a real name. Regular files are made
 * without a name instead ({@link UnnamedFile}, O_TMPFILE) where the file system can, and
 * linked in last, so a killed deployment leaves no temporary name either. Directories get their
 * metadata last, deepest first, once nothing more is written into them.
 */
final class EntryRestorer {
    private final TargetRoot target;
    private final Metadata metadata;
    private final Progress progress;
    private final boolean root = Posix.isRoot();
    private final List<Entry> directories = new ArrayList<>();
    private final byte[] buffer = new byte[1 << 20];
    private final ParallelWrites writes;
    private final Placement placement = new Placement(Placement.DirectoryInTheWay.REMOVE_IF_EMPTY);
    /** Files up to this size are read into memory, verified, and written by {@link ParallelWrites}. */
    static final int SMALL_FILE = CheckedArchive.MAX_READ_WHOLE;
    private final java.util.concurrent.atomic.AtomicLong devicesSkipped = new java.util.concurrent.atomic.AtomicLong();
    /**
     * Unnamed files get their name through /proc/self/fd unless root (linkat AT_EMPTY_PATH):
     * without /proc (a bare chroot) they are not used at all.
     */
    private static final boolean UNNAMED_LINKABLE = Posix.isRoot() || Files.isDirectory(Path.of("/proc/self/fd"));
    /** Directories whose file system refused an unnamed file: temporary names there. */
    private final Set<Path> noUnnamedFiles = java.util.concurrent.ConcurrentHashMap.newKeySet();

    EntryRestorer(TargetRoot target, Metadata metadata, Progress progress, ParallelWrites writes) {
        this.writes = writes;
        this.target = target;
        this.metadata = metadata;
        this.progress = progress;
    }

    /**
     * Restores one entry. Runs on the reading thread; small verified files, symlinks and fifos
     * are handed to {@link ParallelWrites}, everything else is done here, in order.
     */
    void restore(Entry e, CheckedArchive archive) throws IOException {
        if (e.isRoot() && e.type() != EntryType.DIRECTORY) {
            // CheckedArchive's preflight refused it already; placing it would replace the target itself.
            throw new UnsafeEntryException("the root entry '.' is a " + e.type().keyword() + ", not a directory");
        }
        Path dest = target.resolve(e.path());
        switch (e.type()) {
            case DIRECTORY -> directory(dest, e);
            case FILE -> {
                if (e.sparse() == null && e.size() <= SMALL_FILE) {
                    byte[] content = archive.readContentUnchecked();
                    writes.submit(() -> {
                        archive.checkContent(e, content);
                        placedFile(dest, e, f -> f.write(content, 0, content.length, 0),
                                tmp -> writeSmallFile(tmp, e, content));
                    }, content.length);
                } else {
                    placedFile(dest, e, f -> writeFile(f, e, archive), tmp -> writeFile(tmp, e, archive));
                }
            }
            case HARDLINK -> {
                writes.drain();
                hardlink(dest, e);
            }
            case SYMLINK -> writes.submit(() -> placed(dest, e, tmp -> Posix.symlink(e.linkTarget(), tmp)));
            case FIFO -> writes.submit(() -> placed(dest, e, tmp -> Posix.mkfifo(tmp, e.mode() & 0777)));
            case CHAR_DEVICE, BLOCK_DEVICE -> {
                if (!root) {
                    devicesSkipped.incrementAndGet();
                    progress.warning(e.path() + ": device node not created (needs root)");
                    return;
                }
                int type = e.type() == EntryType.CHAR_DEVICE ? FileStat.S_IFCHR : FileStat.S_IFBLK;
                placed(dest, e, tmp -> Posix.mknod(tmp, type | (e.mode() & 0777), e.devMajor(), e.devMinor()));
            }
        }
    }

    /** Makes the object under a temporary name, applies its metadata, then renames it into place. */
    private void placed(Path dest, Entry e, Placement.Step make) throws IOException {
        if (placement.place(dest, what(e), make, tmp -> metadata.applyToNew(tmp, e))) {
            target.forget(e.path());
        }
    }

    private interface Writer {
        void write(UnnamedFile f) throws IOException;
    }

    /**
     * A regular file: made without a name, written, given its metadata, linked in; or, where
     * the file system cannot make unnamed files or the directory's default ACL has to be looked
     * for on the new file, {@link #placed} with {@code fallback}.
     */
    private void placedFile(Path dest, Entry e, Writer writer, Placement.Step fallback) throws IOException {
        Path dir = dest.getParent();
        if (!UNNAMED_LINKABLE || noUnnamedFiles.contains(dir) || metadata.inheritsDefaultAcl(dir)) {
            placed(dest, e, fallback);
            return;
        }
        UnnamedFile file;
        try {
            file = UnnamedFile.beside(dest, e.mode() & 0777);
        } catch (IOException refused) {
            if (!UnnamedFile.unsupported(refused)) {
                throw refused;
            }
            noUnnamedFiles.add(dir);
            placed(dest, e, fallback);
            return;
        }
        try (file) {
            writer.write(file);
            metadata.applyToNew(file, e);
            if (placement.placeUnnamed(dest, what(e), file)) {
                target.forget(e.path());
            }
        }
    }

    private static String what(Entry e) {
        return e.type().keyword() + " '" + e.path() + "'";
    }

    private static void writeSmallFile(Path tmp, Entry e, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), Metadata.permissions(e))) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    private void writeFile(Path tmp, Entry e, CheckedArchive archive) throws IOException {
        Files.createFile(tmp, Metadata.permissions(e));
        try (RandomAccessFile file = new RandomAccessFile(tmp.toFile(), "rw");
             FileChannel ch = file.getChannel()) {
            copyContent(e, archive, (b, off, len, position) -> {
                ByteBuffer bytes = ByteBuffer.wrap(b, off, len);
                for (long at = position; bytes.hasRemaining(); ) {
                    at += ch.write(bytes, at);
                }
            });
            // Extending with ftruncate leaves the trailing hole a hole.
            file.setLength(e.size());
        }
        archive.verifyContent();
    }

    /** The content of a large or sparse file into an unnamed file, checked against its SHA-256. */
    private void writeFile(UnnamedFile f, Entry e, CheckedArchive archive) throws IOException {
        copyContent(e, archive, f::write);
        // Extending with ftruncate leaves the trailing hole a hole.
        f.setLength(e.size());
        archive.verifyContent();
    }

    private interface PositionalWrite {
        void write(byte[] b, int off, int len, long position) throws IOException;
    }

    /** The stored bytes of the current entry, each data segment at its offset (holes are skipped). */
    private void copyContent(Entry e, CheckedArchive archive, PositionalWrite out) throws IOException {
        InputStream in = archive.content();
        List<SparseMap.Segment> segments = e.sparse() != null ? e.sparse().segments()
                : List.of(new SparseMap.Segment(0, e.size()));
        for (SparseMap.Segment s : segments) {
            long position = s.offset();
            long left = s.length();
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new CorruptArchiveException("entry '" + e.path() + "': content ends early");
                }
                out.write(buffer, 0, n, position);
                position += n;
                left -= n;
            }
        }
    }

    private void hardlink(Path dest, Entry e) throws IOException {
        Path linked = target.resolve(e.linkTarget());
        FileStat st;
        try {
            st = Posix.lstat(linked);
        } catch (NoSuchFileException missing) {
            throw new UnsafeEntryException("hardlink '" + e.path() + "' names '" + e.linkTarget() + "', which is not in the target");
        }
        if (!st.isRegular()) {
            throw new UnsafeEntryException("hardlink '" + e.path() + "' names '" + e.linkTarget() + "', which is not a regular file");
        }
        if (placement.placeHardlink(dest, what(e), linked)) {
            target.forget(e.path());
        }
    }

    private void directory(Path dest, Entry e) throws IOException {
        if (!e.isRoot() && Placement.directory(dest)) {
            target.made(e.path());
        }
        directories.add(e);
    }

    /** Waits for the parallel writes, then applies the directories' own metadata, children before parents. */
    void finishDirectories() throws IOException {
        writes.drain();
        for (int i = directories.size() - 1; i >= 0; i--) {
            Entry d = directories.get(i);
            metadata.apply(d.isRoot() ? target.path() : target.path().resolve(d.path()), d);
        }
        directories.clear();
    }

    long devicesSkipped() {
        return devicesSkipped.get();
    }
}
