package org.flar.format.pax;

import java.util.ArrayList;
import java.util.List;
import org.flar.format.pax.PosixAcl.AclEntry;

/**
 * Parses the ACL text that tar implementations write into pax headers: star and bsdtar
 * ({@code user:bob:r--:1000}, comma separated), GNU tar (acl_to_text: newline separated, may
 * carry {@code #effective:} comments). flar restores ids, not names, so a named qualifier needs
 * the numeric fourth field; name lookup would make restores depend on the host's passwd.
 */
final class AclText {
    private static final int MAX_SHOWN = 60;

    private AclText() {
    }

    static List<AclEntry> parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("POSIX ACL text is missing");
        }
        List<AclEntry> entries = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(lineStart, lineEnd);
            int comment = line.indexOf('#');
            for (String piece : (comment >= 0 ? line.substring(0, comment) : line).split(",", -1)) {
                String entry = piece.strip();
                if (!entry.isEmpty()) {
                    if (entries.size() == PosixAcl.MAX_ENTRIES) {
                        throw new IllegalArgumentException("POSIX ACL text has more than " + PosixAcl.MAX_ENTRIES
                                + " entries");
                    }
                    entries.add(entry(entry));
                }
            }
            lineStart = lineEnd + 1;
        }
        return entries;
    }

    private static AclEntry entry(String entry) {
        String[] f = entry.split(":", -1);
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        int tag = tagOf(f[0], entry);
        // "mask:rwx" and "other:r--" (no empty qualifier) are accepted by setfacl, so take them too.
        if (f.length == 2 && (tag == PosixAcl.MASK || tag == PosixAcl.OTHER)) {
            return new AclEntry(tag, perms(f[1], entry), PosixAcl.UNDEFINED_ID);
        }
        if (f.length < 3 || f.length > 4) {
            throw bad(entry, "is not TAG:QUALIFIER:PERMS[:ID]");
        }
        String qualifier = f[1];
        int perm = perms(f[2], entry);
        String idField = f.length == 4 ? f[3] : "";
        if (qualifier.isEmpty()) {
            if (!idField.isEmpty()) {
                throw bad(entry, "has an id but no qualifier");
            }
            int objTag = switch (tag) {
                case PosixAcl.USER -> PosixAcl.USER_OBJ;
                case PosixAcl.GROUP -> PosixAcl.GROUP_OBJ;
                default -> tag;
            };
            return new AclEntry(objTag, perm, PosixAcl.UNDEFINED_ID);
        }
        if (tag != PosixAcl.USER && tag != PosixAcl.GROUP) {
            throw bad(entry, "has a qualifier, which only user and group entries take");
        }
        // The fourth field is the id star and bsdtar record next to a name; it wins over the qualifier.
        if (!idField.isEmpty()) {
            return new AclEntry(tag, perm, id(idField, entry));
        }
        if (!isDigits(qualifier)) {
            throw bad(entry, "names '" + shorten(qualifier) + "' without a numeric id; flar does not look up names");
        }
        return new AclEntry(tag, perm, id(qualifier, entry));
    }

    private static int tagOf(String word, String entry) {
        return switch (word) {
            case "user", "u" -> PosixAcl.USER;
            case "group", "g" -> PosixAcl.GROUP;
            case "mask", "m" -> PosixAcl.MASK;
            case "other", "o" -> PosixAcl.OTHER;
            default -> throw bad(entry, "has unknown tag '" + shorten(word) + "'");
        };
    }

    private static int perms(String field, String entry) {
        if (field.isEmpty() || field.length() > 3) {
            throw bad(entry, "has permissions '" + shorten(field) + "', expected like rw-");
        }
        int perm = 0;
        for (int i = 0; i < field.length(); i++) {
            int bit = switch (field.charAt(i)) {
                case 'r' -> 4;
                case 'w' -> 2;
                case 'x' -> 1;
                case '-' -> 0;
                default -> throw bad(entry, "has permissions '" + shorten(field) + "', expected like rw-");
            };
            if ((perm & bit) != 0) {
                throw bad(entry, "repeats a permission");
            }
            perm |= bit;
        }
        return perm;
    }

    private static long id(String field, String entry) {
        // At most 10 digits keeps parseLong far from overflow; the range check does the rest.
        if (!isDigits(field) || field.length() > 10) {
            throw bad(entry, "has id '" + shorten(field) + "', expected a number");
        }
        long id = Long.parseLong(field);
        if (id >= PosixAcl.UNDEFINED_ID) {
            throw bad(entry, "has id " + id + ", above the largest uid/gid 4294967294");
        }
        return id;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException bad(String entry, String problem) {
        return new IllegalArgumentException("POSIX ACL entry '" + shorten(entry) + "' " + problem);
    }

    /** Archive text can be huge or hostile: quote only the start of it in messages. */
    private static String shorten(String s) {
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "...";
    }
}
