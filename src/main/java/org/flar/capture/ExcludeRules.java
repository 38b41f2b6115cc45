package org.flar.capture;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Which paths of the source root are captured. Rules are written as paths from the root
 * ("/var/cache/apt" or "var/cache/apt": the path and all below it) or as glob patterns
 * ("**&#47;*.log", matched against the whole relative path). Includes (Solaris' -y) win over
 * excludes, and the directories leading to an include are kept so it can be restored.
 */
public final class ExcludeRules {

    private final List<Rule> excludes;
    private final List<Rule> includes;

    private record Rule(String text, String path, PathMatcher glob) {
        static Rule of(String text) {
            String t = text.strip();
            while (t.startsWith("/")) {
                t = t.substring(1);
            }
            while (t.endsWith("/") && t.length() > 1) {
                t = t.substring(0, t.length() - 1);
            }
            if (t.startsWith("./")) {
                t = t.substring(2);
            }
            boolean glob = t.contains("*") || t.contains("?") || t.contains("[");
            return new Rule(text, glob ? null : t, glob ? FileSystems.getDefault().getPathMatcher("glob:" + t) : null);
        }

        boolean covers(String rel) {
            if (glob != null) {
                return glob.matches(Path.of(rel));
            }
            return path.isEmpty() || rel.equals(path) || rel.startsWith(path + "/");
        }

        /** True when this rule names something strictly below {@code dir}. */
        boolean isBelow(String dir) {
            if (glob != null) {
                return true;
            }
            return dir.equals(".") || path.startsWith(dir + "/");
        }
    }

    public ExcludeRules(List<String> excludes, List<String> includes) {
        this.excludes = excludes.stream().map(Rule::of).toList();
        this.includes = includes.stream().map(Rule::of).toList();
    }

    public static ExcludeRules none() {
        return new ExcludeRules(List.of(), List.of());
    }

    /** The rule that excludes {@code rel}, or null. */
    public String excludedBy(String rel) {
        for (Rule r : excludes) {
            if (r.covers(rel)) {
                return r.text();
            }
        }
        return null;
    }

    /**
     * Whether to capture {@code rel}. An excluded directory is still captured (as an empty
     * directory, its children judged one by one) when an include lies below it.
     */
    public boolean captures(String rel, boolean directory) {
        if (excludedBy(rel) == null || isIncluded(rel)) {
            return true;
        }
        if (directory) {
            for (Rule r : includes) {
                if (r.isBelow(rel)) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean isIncluded(String rel) {
        for (Rule r : includes) {
            if (r.covers(rel)) {
                return true;
            }
        }
        return false;
    }

    public List<String> excludeTexts() {
        List<String> out = new ArrayList<>();
        excludes.forEach(r -> out.add(r.text()));
        return out;
    }
}
