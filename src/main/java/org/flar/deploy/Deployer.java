package org.flar.deploy;

import org.flar.format.Identification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.flar.entry.Entry;
import org.flar.format.CheckedArchive;
import org.flar.format.CorruptArchiveException;
import org.flar.format.FlashArchiveReader;
import org.flar.fs.Beneath;
import org.flar.progress.Progress;

/** Restores a flash archive into a target directory, every entry checked before it is put in place. */
public final class Deployer {
    private final Path target;
    private final Progress progress;

    public Deployer(Path target, Progress progress) {
        this.target = target;
        this.progress = progress;
    }

    /**
     * Runs once the archive's text sections were read and checked, before any entry is restored:
     * a differential checks the target and applies its deletions here. {@code target} is the
     * deployment's own, opened and locked: every step writes through it.
     */
    public interface BeforeEntries {
        void prepare(FlashArchiveReader archive, Beneath target) throws IOException;

        /** After every entry and directory was restored, before the archive is closed. */
        default void finish(FlashArchiveReader archive, Beneath target) throws IOException {
        }
    }

    public DeployResult deploy(InputStream in, String archiveName) throws IOException {
        return deploy(in, archiveName, (archive, target) -> { });
    }

    public DeployResult deploy(InputStream in, String archiveName, BeforeEntries before) throws IOException {
        try (Beneath root = Beneath.openCreating(target);
             CheckedArchive archive = CheckedArchive.open(in, archiveName);
             ParallelWrites writes = new ParallelWrites()) {
            root.lockExclusively();
            before.prepare(archive.archive(), root);
            long total = parse(archive.identification().get(Identification.FILES_UNARCHIVED_SIZE));
            progress.phase("deploy", total);
            Metadata metadata = new Metadata(progress);
            TargetRoot targetRoot = new TargetRoot(root, archiveName);
            EntryRestorer restorer = new EntryRestorer(targetRoot, metadata, progress, writes);
            long bytes = 0;
            Entry e;
            try {
                while ((e = archive.next()) != null) {
                    restorer.restore(e, archive);
                    bytes += e.storedSize();
                    progress.entry(e.path(), e.storedSize());
                }
                restorer.finishDirectories();
            } catch (CorruptArchiveException fault) {
                throw partial(fault, archive.entries(), root);
            }
            if (targetRoot.leftoversRemoved() > 0) {
                progress.warning(root.root() + ": removed " + targetRoot.leftoversRemoved()
                        + " temporary file(s) an interrupted deployment had left");
            }
            before.finish(archive.archive(), root);
            metadata.report();
            return new DeployResult(archive.entries(), bytes, restorer.devicesSkipped());
        }
    }

    /**
     * A fault only the payload shows (a checksum, a truncation) stops the deployment after
     * entries before it were put in place, each complete and verified: the message says so.
     */
    private static CorruptArchiveException partial(CorruptArchiveException fault, long entries, Beneath root) {
        if (entries <= 1) {
            return fault;
        }
        return new CorruptArchiveException(fault.getMessage() + "; " + root.root() + " is partial: the entries before"
                + " it were restored and verified, nothing unverified was put in place", fault);
    }

    private static long parse(String n) {
        try {
            return n == null ? -1 : Long.parseLong(n);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
