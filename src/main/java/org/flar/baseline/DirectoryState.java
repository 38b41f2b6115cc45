package org.flar.baseline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.flar.entry.ContentDigest;
import org.flar.capture.BaseEntry;
import org.flar.capture.ExcludeRules;
import org.flar.capture.WalkedTree;
import org.flar.entry.EntryType;
import org.flar.format.Identification;
import org.flar.format.ManifestEntry;
import org.flar.progress.Progress;

/**
 * The old state as a directory (an old boot environment, a snapshot, an NFS-mounted root),
 * walked as capture walks. Its files are hashed only when the differential needs their sum:
 * for what it replaces or deletes, or with --checksum. Its state id is not known without
 * hashing every file, so a differential made against a directory names the base by its path
 * only, and deployment relies on the per-file drift check.
 */
final class DirectoryState implements OldState {
    private final WalkedTree tree;
    private final Path root;

    DirectoryState(Path root, ExcludeRules rules, boolean oneFileSystem) {
        this.root = root;
        this.tree = WalkedTree.start(root, rules, oneFileSystem, Progress.NONE);
    }

    @Override
    public BaseEntry next() throws IOException {
        return tree.next();
    }

    @Override
    public ManifestEntry withChecksum(BaseEntry old) throws IOException {
        ManifestEntry m = old.line();
        if (m.entry().type() != EntryType.FILE || m.entry().sha256() != null) {
            return m;
        }
        return new ManifestEntry(m.entry().withSha256(ContentDigest.ofFile(old.source())), m.xattrNames(), m.xattrSum());
    }

    @Override
    public Map<String, String> keywords() {
        return Map.of(Identification.BASE_CONTENT_NAME, root.toAbsolutePath().normalize().toString());
    }

    @Override
    public void close() {
        tree.close();
    }
}
