package org.flar.identity.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.flar.deploy.Metadata;
import org.flar.deploy.Placement;
import org.flar.deploy.TargetRoot;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.format.CorruptArchiveException;
import org.flar.format.ManifestEscape;
import org.flar.format.ManifestLine;
import org.flar.fs.FileStat;
import org.flar.fs.Beneath;
import org.flar.fs.Posix;
import org.flar.fs.UnsafePathException;
import org.flar.progress.Progress;

/**
 * Puts a saved identity back: the seed's recovery trick. The bundle is checked whole first,
 * then that it belongs here (its archive is the one the root was deployed from, or the root is
 * in the state the unconfiguration left), and only then is anything written: what the
 * unconfiguration created is removed, every saved entry is put back under a temporary name,
 * checked and renamed into place with its metadata (deploy's {@link Metadata} and
 * {@link TargetRoot} path guard), and the directories get their times back last.
 */
public final class Reconfigurer {
    private final Progress progress;

    public Reconfigurer(Progress progress) {
        this.progress = progress;
    }

    /**
     * @param expectedArchiveId the archive the root holds (null: not known); a bundle bound to
     *                          another archive is refused
     * @param force             skip the checks that the bundle belongs to this root
     * @return the number of entries put back
     */
    public int restore(Path root, IdentityBundle bundle, String expectedArchiveId, boolean force) throws IOException {
        BundleIndex index = bundle.index();
        if (!force) {
            checkBelongs(root, bundle, expectedArchiveId);
        }
        try (Beneath beneath = Beneath.open(root)) {
            return restore(beneath, bundle, index);
        }
    }

    private int restore(Beneath root, IdentityBundle bundle, BundleIndex index) throws IOException {
        TargetRoot target = new TargetRoot(root, bundle.file().toString());
        // IdentityBundle.open checked every name: relative, without '..'.
        for (String created : index.created().reversed()) {
            removeCreated(root, created);
        }
        Metadata metadata = new Metadata(progress);
        List<Entry> directories = new ArrayList<>();
        int n = 0;
        try (IdentityBundle.Reader r = bundle.entries()) {
            Entry e;
            while ((e = r.pax.next()) != null) {
                if (e.path().equals(BundleIndex.NAME)) {
                    continue;
                }
                if (n >= index.entries().size()) {
                    throw IdentityBundle.corrupt(bundle.file(), "changed while it was read");
                }
                String want = index.entries().get(n++);
                Path dest = target.resolve(e.path());
                if (e.type() == EntryType.DIRECTORY) {
                    if (!ManifestLine.format(e).equals(want)) {
                        throw IdentityBundle.corrupt(bundle.file(), e.path() + " changed since it was checked");
                    }
                    Placement.directory(dest);
                    directories.add(e);
                } else {
                    place(dest, e, want, r, metadata, bundle.file());
                }
                progress.entry(e.path(), e.storedSize());
            }
        }
        directories.sort(Comparator.comparing(Entry::path).reversed());
        for (Entry d : directories) {
            metadata.apply(target.resolve(d.path()), d);
        }
        metadata.report();
        return n;
    }

    private void checkBelongs(Path root, IdentityBundle bundle, String expectedArchiveId) throws IOException {
        BundleIndex index = bundle.index();
        if (!index.archiveId().isEmpty()) {
            if (expectedArchiveId == null) {
                throw new ForeignBundleException(bundle.file() + ": saved from archive " + index.archiveId()
                        + ", but " + root + " does not record which archive it was deployed from (--force to put it back anyway)");
            }
            if (!expectedArchiveId.equals(index.archiveId())) {
                throw new ForeignBundleException(bundle.file() + ": saved from archive " + index.archiveId()
                        + ", not from " + expectedArchiveId + " (" + root + "); nothing was changed");
            }
        }
        List<String> differ = new ArrayList<>();
        for (String line : index.expected()) {
            int space = line.indexOf(' ');
            String rel = ManifestEscape.unescape(line.substring(space + 1), "path");
            Beneath.checkName(rel);
            if (!PathState.line(root, rel).equals(line)) {
                differ.add(rel);
            }
        }
        if (!differ.isEmpty()) {
            throw new ForeignBundleException(bundle.file() + ": " + root + " is not in the state this bundle's "
                    + "unconfig left (" + differ.size() + " path(s) differ, e.g. " + String.join(", ", differ.subList(0, Math.min(3, differ.size())))
                    + "): saved from another root, or changed since (--force to put it back anyway); nothing was changed");
        }
    }

    /** Removes a file the unconfiguration made (a new host key), never following a link on the way. */
    private static void removeCreated(Beneath root, String rel) throws IOException {
        try {
            Files.deleteIfExists(root.resolve(rel));
        } catch (UnsafePathException | DirectoryNotEmptyException leftAlone) {
            // a link on the way, or something else was put there since: leave it
        }
    }


    private static final Placement PLACEMENT = new Placement(Placement.DirectoryInTheWay.REMOVE_TREE);

    private static void place(Path dest, Entry e, String want, IdentityBundle.Reader r, Metadata metadata, Path bundle)
            throws IOException {
        PLACEMENT.place(dest, e.type().keyword() + " '" + e.path() + "'", tmp -> {
            Entry got = e;
            switch (e.type()) {
                case FILE -> {
                    try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS)) {
                        got = IdentityBundle.withSha256(e, r.pax.content(), out);
                    }
                }
                case SYMLINK -> Posix.symlink(e.linkTarget(), tmp);
                case FIFO -> Posix.mkfifo(tmp, e.mode() & 0777);
                case CHAR_DEVICE, BLOCK_DEVICE -> Posix.mknod(tmp, (e.type() == EntryType.CHAR_DEVICE ? FileStat.S_IFCHR
                        : FileStat.S_IFBLK) | (e.mode() & 0777), e.devMajor(), e.devMinor());
                default -> throw IdentityBundle.corrupt(bundle, "unexpected entry type " + e.type().keyword() + " of " + e.path());
            }
            if (!ManifestLine.format(got).equals(want)) {
                throw new CorruptArchiveException(bundle + ": identity bundle: " + e.path() + " changed since it was checked");
            }
        }, tmp -> metadata.apply(tmp, e)); // the pax entry has the xattr values; the index line only their names and checksum
    }
}
