package org.flar.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.flar.fs.DeviceNumber;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;
import org.flar.progress.Progress;

/**
 * Walks a source root depth first, each directory's names in byte order, so entries come out
 * in the manifest's order (docs/format.md) with no sorting of the whole tree: memory grows
 * with depth, not with the number of files.
 */
final class TreeWalker {

    /** One path found, with what lstat said of it. */
    record Item(String rel, Path path, FileStat stat) {
    }

    interface Visitor {
        void visit(Item item) throws IOException;
    }

    /** Directories of a running system whose contents are never part of the installation. */
    private static final Set<String> VOLATILE_DIRS = Set.of("proc", "sys", "run", "tmp");

    private final Path root;
    private final ExcludeRules rules;
    private final boolean oneFileSystem;
    private final Set<FileKey> skipFiles;
    private final MountTable mounts;
    private final Progress progress;
    private long rootDev;

    /** A file identity by device and inode, used to leave the archive being written out. */
    record FileKey(long dev, long ino) {
    }

    TreeWalker(Path root, ExcludeRules rules, boolean oneFileSystem, Set<FileKey> skipFiles, Progress progress) {
        this.root = root;
        this.rules = rules;
        this.oneFileSystem = oneFileSystem;
        this.skipFiles = skipFiles;
        this.mounts = MountTable.load();
        this.progress = progress;
    }

    void walk(Visitor visitor) throws IOException {
        FileStat rootStat = Posix.lstat(root);
        if (!rootStat.isDirectory()) {
            throw new IOException(root + ": not a directory");
        }
        rootDev = rootStat.dev();
        Item top = new Item(".", root, rootStat);
        visitor.visit(top);
        walkChildren(top, visitor);
    }

    private void walkChildren(Item dir, Visitor visitor) throws IOException {
        if (!shouldDescend(dir)) {
            return;
        }
        for (String name : sortedNames(dir.path())) {
            String rel = dir.rel().equals(".") ? name : dir.rel() + "/" + name;
            Path path = dir.path().resolve(name);
            FileStat stat;
            try {
                stat = Posix.lstat(path);
            } catch (java.nio.file.NoSuchFileException gone) {
                progress.warning(rel + ": vanished while the tree was read");
                continue;
            }
            if (!rules.captures(rel, stat.isDirectory())) {
                progress.excluded(rel, "excluded by " + rules.excludedBy(rel));
                continue;
            }
            if (skipFiles.contains(new FileKey(stat.dev(), stat.ino()))) {
                progress.excluded(rel, "the archive being written");
                continue;
            }
            if (stat.fileType() == FileStat.S_IFSOCK) {
                progress.excluded(rel, "socket (sockets are made by their servers, not restored)");
                continue;
            }
            Item item = new Item(rel, path, stat);
            visitor.visit(item);
            if (stat.isDirectory()) {
                walkChildren(item, visitor);
            }
        }
    }

    private boolean shouldDescend(Item dir) {
        if (dir.rel().indexOf('/') < 0 && VOLATILE_DIRS.contains(dir.rel())) {
            progress.excluded(dir.rel() + "/*", "volatile or pseudo file system contents");
            return false;
        }
        long dev = dir.stat().dev();
        if (dev != rootDev) {
            int major = DeviceNumber.major(dev);
            int minor = DeviceNumber.minor(dev);
            if (mounts.isVolatile(major, minor)) {
                progress.excluded(dir.rel() + "/*", mounts.typeOf(major, minor) + " mount");
                return false;
            }
            if (oneFileSystem) {
                progress.excluded(dir.rel() + "/*", "another file system (--one-file-system)");
                return false;
            }
        }
        return true;
    }

    /**
     * The directory's names in manifest order. java.io's list gives the names in one call, without
     * the Path objects of a DirectoryStream and the byte arrays sorted here before: that was ~40 %
     * of the walker thread's CPU, the walker being a differential's critical path (bench/diff).
     * For names, which hold no '/', manifest order is UTF-8 byte order.
     */
    private static List<String> sortedNames(Path dir) throws IOException {
        String[] listed = dir.toFile().list();
        if (listed == null) {
            return sortedNamesOrFailure(dir); // java.io says no more than that: let NIO say why
        }
        Arrays.sort(listed, org.flar.format.ArchivePaths::compare);
        return Arrays.asList(listed);
    }

    private static List<String> sortedNamesOrFailure(Path dir) throws IOException {
        List<byte[]> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                names.add(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        names.sort(Arrays::compareUnsigned);
        List<String> out = new ArrayList<>(names.size());
        for (byte[] n : names) {
            out.add(new String(n, StandardCharsets.UTF_8));
        }
        return out;
    }
}
