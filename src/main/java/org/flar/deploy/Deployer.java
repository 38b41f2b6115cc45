package org.flar.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flar.entry.Entry;
import org.flar.format.CheckedArchive;
import org.flar.format.FlashArchiveReader;
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
     * a differential checks the target and applies its deletions here.
     */
    public interface BeforeEntries {
        void prepare(FlashArchiveReader archive) throws IOException;

        /** After every entry and directory was restored, before the archive is closed. */
        default void finish(FlashArchiveReader archive) throws IOException {
        }
    }

    public DeployResult deploy(InputStream in, String archiveName) throws IOException {
        return deploy(in, archiveName, archive -> { });
    }

    public DeployResult deploy(InputStream in, String archiveName, BeforeEntries before) throws IOException {
        Files.createDirectories(target);
        try (CheckedArchive archive = CheckedArchive.open(in, archiveName);
             ParallelWrites writes = new ParallelWrites()) {
            before.prepare(archive.archive());
            long total = parse(archive.identification().get("files_unarchived_size"));
            progress.phase("deploy", total);
            Metadata metadata = new Metadata(progress);
            EntryRestorer restorer = new EntryRestorer(new TargetRoot(target, archiveName), metadata, progress, writes);
            long bytes = 0;
            Entry e;
            while ((e = archive.next()) != null) {
                restorer.restore(e, archive);
                bytes += e.storedSize();
                progress.entry(e.path(), e.storedSize());
            }
            restorer.finishDirectories();
            before.finish(archive.archive());
            metadata.report();
            return new DeployResult(archive.entries(), bytes, restorer.devicesSkipped());
        }
    }

    private static long parse(String n) {
        try {
            return n == null ? -1 : Long.parseLong(n);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
