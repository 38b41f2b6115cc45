package org.flar.entry;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One extended attribute, value kept as raw bytes: {@code security.capability} and
 * {@code system.posix_acl_*} are binary, and turning them into strings corrupts them.
 */
public record Xattr(String name, byte[] value) implements Comparable<Xattr> {

    public static final String ACL_ACCESS = "system.posix_acl_access";
    public static final String ACL_DEFAULT = "system.posix_acl_default";

    public Xattr {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bad xattr name");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    public boolean isAcl() {
        return name.equals(ACL_ACCESS) || name.equals(ACL_DEFAULT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Xattr x && x.name.equals(name) && Arrays.equals(x.value, value);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public int compareTo(Xattr o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name + "=0x" + HexFormat.of().formatHex(value);
    }
}
