package org.flar.format;

/** The rules for entry paths shared by the manifest and the payload formats. */
public final class ArchivePaths {

    private ArchivePaths() {
    }

    /**
     * Throws IllegalArgumentException unless {@code path} is "." or a relative '/'-separated
     * path without empty, "." or ".." components and without NUL.
     */
    public static void check(String path) {
        String problem = problem(path);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Why {@code path} is not a valid entry path, or null when it is. */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "empty path";
        }
        if (path.equals(".")) {
            return null;
        }
        if (path.indexOf('\0') >= 0) {
            return "path contains NUL";
        }
        if (path.startsWith("/")) {
            return "absolute path '" + path + "'";
        }
        int start = 0;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            int length = end - start;
            // Checked in place: this runs for every line of every manifest read.
            if (length == 0 || path.charAt(start) == '.' && (length == 1 || length == 2 && path.charAt(start + 1) == '.')) {
                return "path '" + path + "' has an empty, '.' or '..' component";
            }
            start = end + 1;
        }
        return null;
    }

    /**
     * The manifest and payload order: "." first, then component by component, each component
     * by its UTF-8 bytes unsigned. Code point order equals UTF-8 byte order, and as components
     * hold neither '/' nor NUL, ranking '/' below every other character makes a plain string
     * comparison component-wise.
     */
    public static int compare(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.equals(".")) {
            return -1;
        }
        if (b.equals(".")) {
            return 1;
        }
        int i = 0;
        int n = Math.min(a.length(), b.length());
        while (i < n) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                return Integer.compare(rank(a.codePointAt(i)), rank(b.codePointAt(i)));
            }
            i++;
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int rank(int codePoint) {
        return codePoint == '/' ? -1 : codePoint;
    }
}
