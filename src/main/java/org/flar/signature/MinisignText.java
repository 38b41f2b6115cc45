package org.flar.signature;

import java.util.Base64;
import java.util.List;

/** The lines minisign's files are made of: "untrusted comment: ..." and base64 lines of a known length. */
final class MinisignText {
    static final String UNTRUSTED = "untrusted comment: ";
    static final String TRUSTED = "trusted comment: ";

    private MinisignText() {
    }

    /** The lines of {@code text}, each without its line feed (and a CR before it, as minisign tolerates). */
    static List<String> lines(String text) {
        return text.lines().map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l).toList();
    }

    static byte[] base64(String line, int length, String where, String what) {
        byte[] b;
        try {
            b = Base64.getDecoder().decode(line.strip());
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(where + ": " + what + " is not base64");
        }
        if (b.length != length) {
            throw new KeyFileException(where + ": " + what + " has " + b.length + " bytes, not " + length);
        }
        return b;
    }

    static String encode(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
