package org.flar.format;

/** Quotes untrusted text in error messages: short, and without control characters that would garble a terminal. */
final class Show {

    private static final int MAX = 80;

    private Show() {
    }

    static String line(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < MAX; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.length() >= MAX && s.length() > MAX ? b + "..." : b.toString();
    }
}
