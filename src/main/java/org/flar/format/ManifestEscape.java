package org.flar.format;

/**
 * The manifest's {@code \ooo} escaping. Every byte that needs escaping is ASCII and every byte
 * of a multi-byte UTF-8 sequence is above 0x7f, so working on chars equals working on the UTF-8
 * bytes.
 */
public final class ManifestEscape {

    private ManifestEscape() {
    }

    static boolean needsEscape(char c) {
        return c <= 0x20 || c == 0x7f || c == '\\' || c == ',';
    }

    public static String escape(String s, String what) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                // A lone surrogate has no UTF-8 encoding: the line could not be read back.
                boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1));
                if (!paired) {
                    throw new IllegalArgumentException(what + " is not valid Unicode: " + s);
                }
                if (out != null) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (needsEscape(c)) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                        .append((char) ('0' + (c & 7)));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** Reverses {@link #escape}, accepting only its canonical output so that a line has one spelling. */
    public static String unescape(String s, String what) {
        if (s.indexOf('\\') < 0) {
            checkRaw(s, what);
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                if (needsEscape(c)) {
                    throw unescaped(what, c);
                }
                out.append(c);
                continue;
            }
            if (i + 3 >= s.length()) {
                throw new IllegalArgumentException(what + ": incomplete escape at the end");
            }
            int v = 0;
            for (int k = 1; k <= 3; k++) {
                char d = s.charAt(i + k);
                if (d < '0' || d > '7') {
                    throw new IllegalArgumentException(what + ": bad escape '\\" + s.substring(i + 1, i + 4) + "'");
                }
                v = v * 8 + (d - '0');
            }
            if (v > 0x7f || !needsEscape((char) v)) {
                throw new IllegalArgumentException(what + ": escape '\\" + s.substring(i + 1, i + 4)
                        + "' of a byte that is written as it is");
            }
            out.append((char) v);
            i += 3;
        }
        return out.toString();
    }

    private static void checkRaw(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            if (needsEscape(s.charAt(i))) {
                throw unescaped(what, s.charAt(i));
            }
        }
    }

    private static IllegalArgumentException unescaped(String what, char c) {
        return new IllegalArgumentException(what + ": unescaped character 0x" + Integer.toHexString(c));
    }
}
