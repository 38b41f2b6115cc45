package org.flar.identity;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flar.fs.FileTrees;
import org.flar.fs.Beneath;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;
import org.flar.identity.bundle.BundleWriter;
import org.flar.identity.bundle.PathState;
import org.flar.identity.profile.PathGlob;
import org.flar.progress.Progress;

/**
 * Carries out an {@link UnconfigPlan}: sys-unconfig for a root. With a bundle to save to, every
 * path it deletes or edits (and the directories around them) is saved first, byte for byte with
 * its metadata; the bundle is put in place even if a change fails half-way, so what was done can
 * be undone. Edited files keep their inode, owner, mode and xattrs; the directories holding what
 * was deleted or created keep their times, so that on a clone nothing but the items differs
 * from the archive.
 */
public final class Unconfigurer {
    private final Progress progress;
    private final HostKeys keys;

    public Unconfigurer(Progress progress, HostKeys keys) {
        this.progress = progress;
        this.keys = keys;
    }

    /** What was done: the plan carried out and the paths made new (host keys). */
    public record Result(UnconfigPlan plan, List<String> created) {
    }

    /**
     * @param saveTo where to save the identity bundle, or null
     * @param archiveId what the bundle is bound to, or null for one bound to this root's unconfigured state
     */
    public Result run(UnconfigPlan plan, Path saveTo, String archiveId) throws IOException {
        Path root = plan.root();
        Map<String, Long> dirTimes = touchedDirectories(plan);
        boolean keys = plan.regeneratesHostKeys();
        List<String> created = new ArrayList<>();
        try (BundleWriter bundle = saveTo == null ? null : new BundleWriter(saveTo)) {
            if (bundle != null) {
                plan.saveTo(bundle, dirTimes.keySet());
            }
            try (Beneath beneath = Beneath.open(root)) {
                for (Change c : plan.changes()) {
                    apply(beneath, c);
                    progress.entry(c.path(), 0);
                }
                if (keys) {
                    created.addAll(this.keys.generate(root));
                }
                for (Map.Entry<String, Long> d : dirTimes.entrySet()) {
                    if (PathGlob.isRealDirectory(root.resolve(d.getKey()))) {
                        Posix.setTimes(root.resolve(d.getKey()), d.getValue(), d.getValue());
                    }
                }
            } finally {
                if (bundle != null) {
                    List<String> expected = new ArrayList<>();
                    for (Change c : plan.changes()) {
                        expected.add(PathState.line(root, c.path()));
                    }
                    for (String c : created) {
                        if (plan.changeOf(c) == null) {
                            expected.add(PathState.line(root, c));
                        }
                    }
                    bundle.finish(archiveId, plan.profile().name(), plan.family(), plan.changeLines(), created, expected);
                }
            }
        }
        return new Result(plan, created);
    }

    /**
     * The directories whose content an unconfiguration changes (holding what it deletes or
     * creates), with their mtimes now, parents first.
     */
    static Map<String, Long> touchedDirectories(UnconfigPlan plan) throws IOException {
        Path root = plan.root();
        Map<String, Long> dirTimes = new TreeMap<>();
        for (Change c : plan.changes()) {
            rememberParent(root, c.path(), dirTimes);
        }
        if (plan.regeneratesHostKeys()) {
            rememberParent(root, "etc/ssh/x", dirTimes);
            rememberParent(root, HostKeys.WANTS + "/x", dirTimes);
            rememberParent(root, HostKeys.UNIT, dirTimes);
        }
        return dirTimes;
    }

    private static void rememberParent(Path root, String rel, Map<String, Long> dirTimes) throws IOException {
        int slash = rel.lastIndexOf('/');
        String parent = slash < 0 ? "." : rel.substring(0, slash);
        if (parent.equals(".") || dirTimes.containsKey(parent) || !PathGlob.isRealDirectoryChain(root, parent)) {
            return;
        }
        dirTimes.put(parent, Posix.lstat(root.resolve(parent)).mtimeNanos());
    }

    private static void apply(Beneath root, Change c) throws IOException {
        Path p = root.resolve(c.path());
        if (c.deletes()) {
            FileTrees.delete(p);
            return;
        }
        FileStat st = Posix.lstat(p);
        if (!st.isRegular()) {
            return;
        }
        // In place: the file keeps its inode, owner, mode, xattrs and ACLs.
        try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                LinkOption.NOFOLLOW_LINKS)) {
            out.write(c.newContent());
        }
    }
}
