package org.flar.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.flar.capture.BaseEntry;
import org.flar.capture.Baseline;
import org.flar.capture.ExcludeRules;
import org.flar.format.ArchivePaths;
import org.flar.format.CorruptArchiveException;
import org.flar.format.ManifestEntry;

/**
 * The merge join of a differential: the old state and the new walk both come in manifest order
 * ({@link ArchivePaths#compare}), so one cursor over the old state, advanced as the walk goes,
 * finds every match, addition and deletion with memory for one old entry, whatever the tree.
 *
 * <p>An old entry the new capture's exclusions cover is not a deletion: leaving something out
 * of a capture must not delete it on every clone.
 */
public final class Differ implements Baseline {
    private final OldState old;
    private final ExcludeRules rules;
    private BaseEntry pending;
    private String lastNew;

    Differ(OldState old, ExcludeRules rules) {
        this.old = old;
        this.rules = rules;
    }

    /** Against a flash archive's state (its manifest, or a differential's state section): the payload is not read. */
    public static Differ againstArchive(Path archive, ExcludeRules rules) throws IOException {
        return new Differ(ArchiveState.open(archive), rules);
    }

    /** Against an old root directory, walked as capture walks. */
    public static Differ againstDirectory(Path oldRoot, ExcludeRules rules, boolean oneFileSystem) {
        return new Differ(new DirectoryState(oldRoot, rules, oneFileSystem), rules);
    }

    /** An archive file or a directory, whichever {@code master} is. */
    public static Differ against(Path master, ExcludeRules rules, boolean oneFileSystem) throws IOException {
        return Files.isDirectory(master) ? againstDirectory(master, rules, oneFileSystem) : againstArchive(master, rules);
    }

    @Override
    public BaseEntry advanceTo(String rel, Consumer<BaseEntry> gone) throws IOException {
        if (lastNew != null && ArchivePaths.compare(lastNew, rel) >= 0) {
            throw new IllegalStateException("new entries out of order: '" + rel + "' after '" + lastNew + "'");
        }
        lastNew = rel;
        while (true) {
            BaseEntry o = peek();
            if (o == null) {
                return null;
            }
            int c = ArchivePaths.compare(o.path(), rel);
            if (c > 0) {
                return null;
            }
            pending = null;
            if (c == 0) {
                return o;
            }
            passOver(o, gone);
        }
    }

    @Override
    public void finish(Consumer<BaseEntry> gone) throws IOException {
        for (BaseEntry o; (o = peek()) != null; ) {
            pending = null;
            passOver(o, gone);
        }
    }

    private void passOver(BaseEntry o, Consumer<BaseEntry> gone) throws CorruptArchiveException {
        if (o.path().equals(".")) {
            throw new CorruptArchiveException("the old state's root '.' has no match in the new walk");
        }
        if (rules.captures(o.path(), o.line().entry().type() == org.flar.entry.EntryType.DIRECTORY)) {
            gone.accept(o);
        }
    }

    private BaseEntry peek() throws IOException {
        if (pending == null) {
            pending = old.next();
        }
        return pending;
    }

    @Override
    public ManifestEntry withChecksum(BaseEntry o) throws IOException {
        return old.withChecksum(o);
    }

    @Override
    public Map<String, String> keywords() throws IOException {
        return old.keywords();
    }

    @Override
    public Map<String, String> capturedAs() throws IOException {
        return old.capturedAs();
    }

    @Override
    public void close() throws IOException {
        old.close();
    }
}
