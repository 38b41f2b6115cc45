package org.flar.format;

/**
 * Makes untrusted text safe to print: an archive chooses its keywords, names and link targets,
 * and raw ESC, BEL or CSI bytes would let it drive the terminal that shows them (retitle it,
 * hide lines, fake a prompt). Control characters — C0, DEL and C1 — and the bidirectional
 * overrides that reorder what is displayed are written as backslash, x and two hex digits (below
 * U+0100) or backslash, u and four hex digits; everything else, UTF-8 letters included, is shown as it is.
 */
public final class Show {

    private static final int MAX = 80;

    private Show() {
    }

    /** The whole text with its control characters escaped, for listings and keyword values. */
    public static String text(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControl(c)) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** Quoted in an error message: escaped as {@link #text}, and clipped to 80 characters. */
    public static String line(String s) {
        String t = text(s);
        return t.length() > MAX ? t.substring(0, MAX) + "..." : t;
    }

    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
