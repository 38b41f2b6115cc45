package org.flar.identity.profile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule of an {@code edit-lines} item: drop every line a pattern finds something in, or
 * replace what it finds (Java regex, {@code $1} groups in the replacement). Lines are matched
 * without their line feed.
 *
 * @param replacement null for a drop
 */
public record LineEdit(Pattern pattern, String replacement) {

    public static LineEdit drop(Pattern p) {
        return new LineEdit(p, null);
    }

    public static LineEdit substitute(Pattern p, String replacement) {
        return new LineEdit(p, replacement);
    }

    public boolean isDrop() {
        return replacement == null;
    }

    /** The edited line, or null when it is dropped. */
    String apply(String line) {
        Matcher m = pattern.matcher(line);
        if (!m.find()) {
            return line;
        }
        return isDrop() ? null : m.replaceAll(replacement);
    }

    @Override
    public String toString() {
        return isDrop() ? "drop /" + pattern + "/" : "substitute /" + pattern + "/" + replacement + "/";
    }
}
