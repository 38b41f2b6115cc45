package org.flar.identity.profile;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Applies an edit-lines item to a file's bytes. Bytes are read as ISO-8859-1, so any encoding
 * (and any invalid UTF-8) passes through the lines that are not edited unchanged.
 */
public final class LineEditor {
    private LineEditor() {
    }

    /** The edited content and how many lines were dropped or changed. */
    public record Result(byte[] content, int dropped, int changed) {
    }

    /** Applies {@code edits} to every line of {@code original}: for the unconfiguration plan's edit-lines changes. */
    public static Result edit(byte[] original, List<LineEdit> edits) {
        String text = new String(original, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(text.length());
        int dropped = 0;
        int changed = 0;
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end);
            String edited = line;
            for (LineEdit e : edits) {
                edited = e.apply(edited);
                if (edited == null) {
                    break;
                }
            }
            if (edited == null) {
                dropped++;
            } else {
                if (!edited.equals(line)) {
                    changed++;
                }
                out.append(edited);
                if (nl >= 0) {
                    out.append('\n');
                }
            }
            start = nl < 0 ? text.length() : nl + 1;
        }
        return new Result(out.toString().getBytes(StandardCharsets.ISO_8859_1), dropped, changed);
    }
}
