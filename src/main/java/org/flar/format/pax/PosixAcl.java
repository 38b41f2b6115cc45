package org.flar.format.pax;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Converts POSIX ACLs between the kernel's binary {@code system.posix_acl_access} /
 * {@code system.posix_acl_default} xattr value and star's text form as pax stores it in
 * {@code SCHILY.acl.access}: {@code user::rw-,user:1000:r--:1000,group::r--,mask::r--,other::r--}.
 *
 * <p>Entries are kept in the kernel's canonical order (user::, users by id, group::, groups by id,
 * mask::, other::), so {@code fromText(toText(b))} gives back {@code b} byte for byte. Both
 * directions check the ACL as setfacl would and throw IllegalArgumentException, and only that,
 * on anything else: the input comes from archives.
 */
public final class PosixAcl {
    static final int VERSION = 2;
    static final int USER_OBJ = 0x01;
    static final int USER = 0x02;
    static final int GROUP_OBJ = 0x04;
    static final int GROUP = 0x08;
    static final int MASK = 0x10;
    static final int OTHER = 0x20;
    /** The id the kernel writes for entries without a qualifier; never a valid uid or gid. */
    static final long UNDEFINED_ID = 0xFFFFFFFFL;
    /** What fits in one xattr value (XATTR_SIZE_MAX, 64 KiB). */
    static final int MAX_ENTRIES = (65536 - 4) / 8;

    /** One ACL entry; {@code id} is an unsigned 32-bit uid/gid, or {@link #UNDEFINED_ID}. */
    record AclEntry(int tag, int perm, long id) {
        boolean named() {
            return tag == USER || tag == GROUP;
        }
    }

    private static final Comparator<AclEntry> CANONICAL =
            Comparator.comparingInt(AclEntry::tag).thenComparingLong(AclEntry::id);

    private PosixAcl() {
    }

    /** The text form of a binary ACL xattr value; named entries come out sorted by id. */
    public static String toText(byte[] xattrValue) {
        List<AclEntry> entries = canonical(decode(xattrValue));
        StringBuilder text = new StringBuilder(entries.size() * 16);
        for (AclEntry e : entries) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(switch (e.tag()) {
                case USER_OBJ, USER -> "user:";
                case GROUP_OBJ, GROUP -> "group:";
                case MASK -> "mask:";
                default -> "other:";
            });
            if (e.named()) {
                text.append(e.id());
            }
            text.append(':').append(perms(e.perm()));
            if (e.named()) {
                // star and libarchive put the numeric id last so a name in the qualifier can fall back to it.
                text.append(':').append(e.id());
            }
        }
        return text.toString();
    }

    /** The binary xattr value of an ACL in star's, bsdtar's or GNU tar's text form. */
    public static byte[] fromText(String text) {
        return encode(canonical(AclText.parse(text)));
    }

    static List<AclEntry> decode(byte[] value) {
        if (value == null || value.length < 4 || (value.length - 4) % 8 != 0) {
            throw new IllegalArgumentException("POSIX ACL xattr of " + (value == null ? "null" : value.length + " bytes")
                    + ": not a 4-byte header followed by 8-byte entries");
        }
        ByteBuffer in = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        int version = in.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("POSIX ACL xattr version " + Integer.toUnsignedString(version)
                    + ", expected " + VERSION);
        }
        List<AclEntry> entries = new ArrayList<>((value.length - 4) / 8);
        int previousTag = 0;
        while (in.hasRemaining()) {
            int tag = Short.toUnsignedInt(in.getShort());
            int perm = Short.toUnsignedInt(in.getShort());
            long id = Integer.toUnsignedLong(in.getInt());
            String where = "POSIX ACL entry " + entries.size();
            if (tag != USER_OBJ && tag != USER && tag != GROUP_OBJ && tag != GROUP && tag != MASK && tag != OTHER) {
                throw new IllegalArgumentException(where + ": unknown tag 0x" + Integer.toHexString(tag));
            }
            if (tag < previousTag) {
                // The kernel refuses this order, so it cannot come from a file.
                throw new IllegalArgumentException(where + ": tag 0x" + Integer.toHexString(tag)
                        + " after 0x" + Integer.toHexString(previousTag));
            }
            AclEntry e = new AclEntry(tag, perm, id);
            if (!e.named() && id != UNDEFINED_ID) {
                throw new IllegalArgumentException(where + ": id " + id + " on an entry without qualifier");
            }
            entries.add(e);
            previousTag = tag;
        }
        return entries;
    }

    static byte[] encode(List<AclEntry> entries) {
        ByteBuffer out = ByteBuffer.allocate(4 + 8 * entries.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(VERSION);
        for (AclEntry e : entries) {
            out.putShort((short) e.tag()).putShort((short) e.perm()).putInt((int) e.id());
        }
        return out.array();
    }

    /**
     * Checks what acl_valid(3) checks and sorts into the kernel's order. Named entries in another
     * order mean the same ACL (ids are unique), so sorting them changes nothing but the bytes.
     */
    static List<AclEntry> canonical(List<AclEntry> entries) {
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("POSIX ACL has " + entries.size() + " entries, at most "
                    + MAX_ENTRIES + " fit in an xattr");
        }
        List<AclEntry> sorted = new ArrayList<>(entries);
        sorted.sort(CANONICAL);
        int[] count = new int[OTHER + 1];
        AclEntry previous = null;
        for (AclEntry e : sorted) {
            if (e.perm() < 0 || e.perm() > 7) {
                throw new IllegalArgumentException("POSIX ACL entry " + describe(e) + " has permissions 0"
                        + Integer.toOctalString(e.perm()) + ", only rwx exist");
            }
            if (e.named() && e.id() == UNDEFINED_ID) {
                throw new IllegalArgumentException("POSIX ACL entry " + describe(e) + ": id 4294967295 is not valid");
            }
            if (previous != null && previous.tag() == e.tag() && (!e.named() || previous.id() == e.id())) {
                throw new IllegalArgumentException("POSIX ACL has " + describe(e) + " twice");
            }
            count[e.tag()]++;
            previous = e;
        }
        for (int tag : new int[] {USER_OBJ, GROUP_OBJ, OTHER}) {
            if (count[tag] == 0) {
                throw new IllegalArgumentException("POSIX ACL has no " + describe(new AclEntry(tag, 0, UNDEFINED_ID))
                        + " entry");
            }
        }
        if (count[MASK] == 0 && count[USER] + count[GROUP] > 0) {
            throw new IllegalArgumentException("POSIX ACL has named users or groups but no mask:: entry");
        }
        return sorted;
    }

    private static String describe(AclEntry e) {
        return switch (e.tag()) {
            case USER_OBJ -> "user::";
            case USER -> "user:" + e.id();
            case GROUP_OBJ -> "group::";
            case GROUP -> "group:" + e.id();
            case MASK -> "mask::";
            default -> "other::";
        };
    }

    private static String perms(int perm) {
        return new String(new char[] {
            (perm & 4) != 0 ? 'r' : '-',
            (perm & 2) != 0 ? 'w' : '-',
            (perm & 1) != 0 ? 'x' : '-'});
    }
}
