package org.flar.identity.sysidcfg;

import java.util.Map;

/**
 * Where a {@link Sysidcfg}'s settings came from: the file's name and the position of each
 * top-level keyword's value, so that a check made later against the target (a time zone it does
 * not have) can still point at the line to fix.
 */
public record Origin(String file, Map<String, Position> values) {
    /** Settings built in code, not read from a file. */
    public static final Origin NONE = new Origin("(sysidcfg)", Map.of());

    public Origin {
        values = Map.copyOf(values);
    }

    /** The key of the i-th network_interface entry's position. */
    static String nic(int index) {
        return "network_interface." + index;
    }

    public Position of(String keyword) {
        return values.getOrDefault(keyword, Position.NONE);
    }

    public SysidcfgException error(String keyword, String problem) {
        return new SysidcfgException(file, of(keyword), problem);
    }
}
