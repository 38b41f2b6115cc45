package org.flar.identity.sysidcfg;

import java.util.regex.Pattern;

/** The shapes a sysidcfg value must have; each check is the one place its rule is written. */
final class Values {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final String B64 = "[./0-9A-Za-z]";
    private static final String SALT = "[^$:\\s]";
    // crypt(3) formats glibc and libxcrypt verify: DES, MD5, SHA-256/512 (optional rounds),
    // bcrypt, yescrypt and gost-yescrypt. Anything else would lock root out or be read wrongly.
    private static final Pattern HASH = Pattern.compile(String.join("|",
            B64 + "{13}",
            "\\$1\\$" + SALT + "{0,8}\\$" + B64 + "{22}",
            "\\$5\\$(rounds=[0-9]{1,9}\\$)?" + SALT + "{0,16}\\$" + B64 + "{43}",
            "\\$6\\$(rounds=[0-9]{1,9}\\$)?" + SALT + "{0,16}\\$" + B64 + "{86}",
            "\\$2[abxy]\\$[0-9]{2}\\$" + B64 + "{53}",
            "\\$(y|gy)\\$" + B64 + "+\\$" + B64 + "{1,86}\\$" + B64 + "{43}"));
    private static final Pattern TZ_COMPONENT = Pattern.compile("[A-Za-z0-9_+-]+");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    private static final Pattern KEYBOARD = Pattern.compile("[A-Za-z0-9_+()-]{1,64}");
    private static final Pattern TERMINAL = Pattern.compile("[A-Za-z0-9_.+-]{1,64}");
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private Values() {
    }

    /** RFC 1123 labels, at most 64 characters in all (Linux's HOST_NAME_MAX). */
    static boolean isHostname(String s) {
        return s.length() <= 64 && isDomain(s);
    }

    /** Dot-separated RFC 1123 labels, at most 253 characters. */
    static boolean isDomain(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        for (String label : s.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    static boolean isPasswordHash(String s) {
        return HASH.matcher(s).matches();
    }

    /** A zoneinfo name: components of letters, digits, _ + -, never "." or "..", never absolute. */
    static boolean isTimezone(String s) {
        if (s.isEmpty() || s.length() > 255) {
            return false;
        }
        for (String c : s.split("/", -1)) {
            if (!TZ_COMPONENT.matcher(c).matches()) {
                return false;
            }
        }
        return true;
    }

    static boolean isLocale(String s) {
        return LOCALE.matcher(s).matches();
    }

    static boolean isKeyboard(String s) {
        return KEYBOARD.matcher(s).matches();
    }

    static boolean isTerminal(String s) {
        return TERMINAL.matcher(s).matches();
    }

    /** A Linux interface name: 1-15 characters (IFNAMSIZ), no '/', ':' or blanks, not "." or "..". */
    static boolean isInterfaceName(String s) {
        return IFNAME.matcher(s).matches() && !s.equals(".") && !s.equals("..");
    }

    /** A host given by name or IPv4 address. */
    static boolean isHost(String s) {
        return Ipv4.parse(s) != null || isDomain(s) && !s.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }
}
