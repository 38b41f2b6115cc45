package org.flar.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flar.format.ManifestEscape;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;
import org.flar.identity.bundle.BundleWriter;
import org.flar.identity.profile.Action;
import org.flar.identity.profile.IdentityItem;
import org.flar.identity.profile.LineEditor;
import org.flar.identity.profile.PathGlob;
import org.flar.identity.profile.Profile;
import org.flar.identity.profile.ProfileChoice;

/**
 * What unconfiguring a root would change, worked out without changing anything (the dry run,
 * and the first step of every real run). A path named by several items is changed by the
 * first; a path below one that is deleted is not listed. Only regular files are truncated,
 * replaced or edited: a symlink is left alone (it points at something generated at run time,
 * such as systemd-resolved's resolv.conf) and so is a directory.
 */
public record UnconfigPlan(Path root, Profile profile, String family, List<Change> changes, List<String> notes) {

    public UnconfigPlan {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    /** The plan of the profile chosen for {@code root}. */
    public static UnconfigPlan of(Path root, ProfileChoice choice) throws IOException {
        return of(root, choice.profile(), choice.family());
    }

    /** @param family the detected OS family, or null when the profile was forced on an unknown root */
    public static UnconfigPlan of(Path root, Profile profile, String family) throws IOException {
        Map<String, Change> byPath = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (IdentityItem item : profile.items()) {
            if (item.action() == Action.KEEP) {
                continue;
            }
            if (!item.appliesTo(family)) {
                notes.add(item.name() + ": for " + item.os() + ", not " + family + ": skipped");
                continue;
            }
            for (PathGlob glob : item.paths()) {
                for (String rel : glob.expand(root)) {
                    if (byPath.containsKey(rel) || isBelowDeleted(rel, byPath)) {
                        continue;
                    }
                    Change c = change(root, rel, item, notes);
                    if (c != null) {
                        byPath.put(rel, c);
                    }
                }
            }
        }
        List<Change> changes = new ArrayList<>(byPath.values());
        // A directory deleted after files were listed below it: those go.
        changes.removeIf(c -> isBelowDeleted(c.path(), byPath));
        return new UnconfigPlan(root, profile, family, changes, notes);
    }

    private static boolean isBelowDeleted(String rel, Map<String, Change> byPath) {
        for (int slash = rel.lastIndexOf('/'); slash > 0; slash = rel.lastIndexOf('/', slash - 1)) {
            Change parent = byPath.get(rel.substring(0, slash));
            if (parent != null && parent.deletes()) {
                return true;
            }
        }
        return false;
    }

    private static Change change(Path root, String rel, IdentityItem item, List<String> notes) throws IOException {
        Path p = root.resolve(rel);
        FileStat st = Posix.lstat(p);
        Action a = item.action();
        if (a == Action.REMOVE || a == Action.REGENERATE) {
            return new Change(rel, item, a, null, st.isDirectory() ? "directory and all in it" : "");
        }
        if (!st.isRegular()) {
            if (!st.isDirectory()) {
                notes.add(rel + ": " + (st.isSymlink() ? "a symlink" : "not a regular file") + ", left alone (" + item.name() + ")");
            }
            return null;
        }
        if (a == Action.TRUNCATE) {
            // Logs can be large: their size is enough.
            return st.size() == 0 ? null : new Change(rel, item, a, new byte[0], st.size() + " bytes");
        }
        byte[] now = Files.readAllBytes(p);
        return switch (a) {
            case REPLACE -> Arrays.equals(now, item.content()) ? null : new Change(rel, item, a, item.content(), "");
            case EDIT_LINES -> {
                LineEditor.Result r = LineEditor.edit(now, item.edits());
                if (Arrays.equals(r.content(), now)) {
                    yield null;
                }
                String what = (r.dropped() > 0 ? r.dropped() + " line(s) dropped" : "")
                        + (r.dropped() > 0 && r.changed() > 0 ? ", " : "")
                        + (r.changed() > 0 ? r.changed() + " line(s) changed" : "");
                yield new Change(rel, item, a, r.content(), what);
            }
            default -> throw new IllegalStateException("unexpected action " + a);
        };
    }

    /** Whether the profile makes new ssh host keys for this root (it has the item and the root has OpenSSH's directory). */
    public boolean regeneratesHostKeys() throws IOException {
        return profile.items().stream().anyMatch(i -> i.action() == Action.REGENERATE && i.appliesTo(family))
                && PathGlob.isRealDirectoryChain(root, "etc/ssh");
    }

    /** The change of a path, or null. */
    public Change changeOf(String rel) {
        return changes.stream().filter(c -> c.path().equals(rel)).findFirst().orElse(null);
    }

    /** Saves into {@code bundle} the directories' own entries, then every path the plan changes with all below it. */
    void saveTo(BundleWriter bundle, Collection<String> directories) throws IOException {
        for (String dir : directories) {
            bundle.save(root, dir);
        }
        for (Change c : changes) {
            bundle.saveTree(root, c.path());
        }
    }

    /** The changes as a bundle's index records them: "ACTION ITEM ESCAPED-PATH". */
    List<String> changeLines() {
        return changes.stream()
                .map(c -> c.action().keyword() + " " + c.item().name() + " " + ManifestEscape.escape(c.path(), "path"))
                .toList();
    }
}
