package org.flar.identity.profile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.flar.fs.FileStat;
import org.flar.fs.Beneath;
import org.flar.fs.Posix;

/**
 * A path pattern relative to a root: {@code *}, {@code ?} and {@code [...]} match within one
 * name, {@code **} matches any number of directories. Expanding it never follows a symlink to
 * a directory (the root's links point into the running system, not into the root), so what
 * it finds is always inside the root.
 */
public final class PathGlob {
    private final String text;
    private final List<String> components;
    private final List<PathMatcher> matchers;

    private PathGlob(String text, List<String> components) {
        this.text = text;
        this.components = components;
        this.matchers = components.stream()
                .map(c -> isLiteral(c) || c.equals("**") ? null : FileSystems.getDefault().getPathMatcher("glob:" + c))
                .toList();
    }

    /**
     * Parses a glob; an absolute path is taken from the root. {@link IllegalArgumentException} for
     * an empty, "." or ".." component, or a malformed pattern.
     */
    public static PathGlob of(String text) {
        String t = text.startsWith("/") ? text.substring(1) : text;
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        List<String> parts = List.of(t.split("/", -1));
        for (String p : parts) {
            if (p.isEmpty() || p.equals(".") || p.equals("..")) {
                throw new IllegalArgumentException("path '" + text + "' has an empty, '.' or '..' component");
            }
            if (p.contains("**") && !p.equals("**")) {
                throw new IllegalArgumentException("'**' must be a whole path component in '" + text + "'");
            }
            if (!isLiteral(p) && !p.equals("**")) {
                try {
                    FileSystems.getDefault().getPathMatcher("glob:" + p);
                } catch (RuntimeException bad) {
                    throw new IllegalArgumentException("bad pattern '" + p + "': " + bad.getMessage());
                }
            }
        }
        if (parts.getLast().equals("**")) {
            throw new IllegalArgumentException("path '" + text + "' ends in '**': name the files (e.g. '**/*')");
        }
        return new PathGlob(t, parts);
    }

    private static boolean isLiteral(String c) {
        return c.chars().noneMatch(ch -> ch == '*' || ch == '?' || ch == '[' || ch == '{' || ch == '\\');
    }

    public String text() {
        return text;
    }

    /** Whether a relative path (as in a manifest) matches. */
    public boolean matches(String rel) {
        return matches(List.of(rel.split("/")), 0, 0);
    }

    private boolean matches(List<String> names, int n, int c) {
        if (c == components.size()) {
            return n == names.size();
        }
        if (components.get(c).equals("**")) {
            for (int skip = n; skip <= names.size(); skip++) {
                if (matches(names, skip, c + 1)) {
                    return true;
                }
            }
            return false;
        }
        return n < names.size() && matchesName(c, names.get(n)) && matches(names, n + 1, c + 1);
    }

    private boolean matchesName(int c, String name) {
        PathMatcher m = matchers.get(c);
        return m == null ? components.get(c).equals(name) : m.matches(Path.of(name));
    }

    /** The relative paths under {@code root} that match, sorted; none when nothing does. */
    public List<String> expand(Path root) throws IOException {
        TreeSet<String> found = new TreeSet<>();
        expand(root, "", 0, found);
        return new ArrayList<>(found);
    }

    private void expand(Path root, String dir, int c, TreeSet<String> found) throws IOException {
        String comp = components.get(c);
        boolean last = c == components.size() - 1;
        if (comp.equals("**")) {
            expand(root, dir, c + 1, found);
            for (String child : children(root, dir)) {
                String rel = join(dir, child);
                if (isRealDirectory(root.resolve(rel))) {
                    expand(root, rel, c, found);
                }
            }
            return;
        }
        List<String> names = matchers.get(c) == null ? List.of(comp) : children(root, dir);
        for (String name : names) {
            if (!matchesName(c, name)) {
                continue;
            }
            String rel = join(dir, name);
            Path p = root.resolve(rel);
            if (last) {
                if (exists(p)) {
                    found.add(rel);
                }
            } else if (isRealDirectory(p)) {
                expand(root, rel, c + 1, found);
            }
        }
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    private static List<String> children(Path root, String dir) throws IOException {
        Path d = dir.isEmpty() ? root : root.resolve(dir);
        if (!dir.isEmpty() && !isRealDirectory(d)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
            for (Path p : s) {
                out.add(p.getFileName().toString());
            }
        } catch (NoSuchFileException | NotDirectoryException gone) {
            return List.of();
        }
        return out;
    }

    private static boolean exists(Path p) throws IOException {
        try {
            Posix.lstat(p);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Whether every component of {@code rel} below {@code root} is a real directory, none a symlink. */
    public static boolean isRealDirectoryChain(Path root, String rel) throws IOException {
        try (Beneath beneath = Beneath.open(root)) {
            return beneath.isDirectory(rel);
        }
    }

    /** Whether {@code p} itself is a directory, not a symlink to one: for the steps that walk what a glob found. */
    public static boolean isRealDirectory(Path p) throws IOException {
        try {
            FileStat st = Posix.lstat(p);
            return st.isDirectory();
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
