package org.flar.format.pax;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flar.entry.Entry;
import org.flar.entry.Xattr;
import org.flar.format.CorruptArchiveException;
import org.flar.format.pax.PosixAcl;

/**
 * Extended attributes in pax records. flar writes {@code SCHILY.xattr.NAME} with the raw value
 * and ACLs as {@code SCHILY.acl.*} text. Reading also takes libarchive's
 * {@code LIBARCHIVE.xattr.URLNAME=BASE64} (bsdtar writes it next to SCHILY.xattr) and GNU
 * tar's raw {@code SCHILY.xattr.system.posix_acl_*}; a name given twice keeps the raw value.
 */
final class XattrRecords {
    /** Linux limits (XATTR_SIZE_MAX, XATTR_NAME_MAX); nothing larger can be restored. */
    static final int MAX_VALUE = 64 * 1024;
    static final int MAX_NAME = 255;

    static final String SCHILY_XATTR = "SCHILY.xattr.";
    static final String LIBARCHIVE_XATTR = "LIBARCHIVE.xattr.";
    static final String ACL_ACCESS = "SCHILY.acl.access";
    static final String ACL_DEFAULT = "SCHILY.acl.default";

    private static final byte[] SCHILY_XATTR_BYTES = SCHILY_XATTR.getBytes(StandardCharsets.US_ASCII);
    /** POSIX ACL xattr: 4-byte header then 8 bytes per entry. */
    private static final int ACL_HEADER = 4;
    private static final int ACL_ENTRY = 8;
    private static final int MINIMAL_ACL_ENTRIES = 3;

    private final Map<String, byte[]> raw = new TreeMap<>();
    private final Map<String, byte[]> libarchive = new TreeMap<>();
    private final Map<String, String> aclText = new TreeMap<>();

    static void write(Entry entry, PaxHeaderBuilder header) throws IOException {
        String previous = null;
        for (Xattr x : entry.xattrs()) {
            // A reader keeps the last record of a keyword: a second value would vanish silently.
            if (x.name().equals(previous)) {
                throw new IOException("xattr '" + Text.clip(x.name()) + "' appears twice on entry '" + entry.path() + "'");
            }
            previous = x.name();
            byte[] name = Text.encode(x.name(), "xattr name", entry.path());
            if (name.length > MAX_NAME || x.length() > MAX_VALUE) {
                throw new IOException("xattr '" + Text.clip(x.name()) + "' of entry '" + entry.path()
                        + "' exceeds the Linux limits (name " + MAX_NAME + ", value " + MAX_VALUE + " bytes)");
            }
            if (x.isAcl()) {
                header.add(x.name().equals(Xattr.ACL_ACCESS) ? ACL_ACCESS : ACL_DEFAULT, aclToText(x, entry));
            } else if (indexOf(name, (byte) '=') >= 0) {
                // A SCHILY.xattr keyword ends at the first '='; libarchive's form escapes it.
                header.add(LIBARCHIVE_XATTR + urlEncode(name), Base64.getEncoder().encode(x.value()));
            } else {
                byte[] key = new byte[SCHILY_XATTR_BYTES.length + name.length];
                System.arraycopy(SCHILY_XATTR_BYTES, 0, key, 0, SCHILY_XATTR_BYTES.length);
                System.arraycopy(name, 0, key, SCHILY_XATTR_BYTES.length, name.length);
                header.add(key, x.value());
            }
        }
    }

    private static String aclToText(Xattr x, Entry entry) throws IOException {
        try {
            return PosixAcl.toText(x.value());
        } catch (IllegalArgumentException e) {
            throw new IOException("malformed ACL '" + x.name() + "' on entry '" + entry.path() + "': "
                    + e.getMessage(), e);
        }
    }

    /** Takes the record if it is an xattr or ACL one; returns false for any other keyword. */
    boolean accept(String key, byte[] value, String context) throws CorruptArchiveException {
        if (key.startsWith(SCHILY_XATTR)) {
            raw.put(checkName(key.substring(SCHILY_XATTR.length()), context), checkValue(value, key, context));
        } else if (key.startsWith(LIBARCHIVE_XATTR)) {
            String name = checkName(urlDecode(key.substring(LIBARCHIVE_XATTR.length()), context), context);
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                throw new CorruptArchiveException("bad base64 in " + Text.clip(key) + " of entry '" + context + "'");
            }
            libarchive.put(name, checkValue(decoded, key, context));
        } else if (key.equals(ACL_ACCESS) || key.equals(ACL_DEFAULT)) {
            aclText.put(key.equals(ACL_ACCESS) ? Xattr.ACL_ACCESS : Xattr.ACL_DEFAULT,
                    Text.decode(value, key, context));
        } else {
            return false;
        }
        return true;
    }

    List<Xattr> build(String context) throws CorruptArchiveException {
        Map<String, byte[]> all = new TreeMap<>(libarchive);
        all.putAll(raw);
        for (Map.Entry<String, String> acl : aclText.entrySet()) {
            if (all.containsKey(acl.getKey())) {
                continue;
            }
            byte[] value = aclFromText(acl.getKey(), acl.getValue(), context);
            // The kernel never stores an access ACL that only mirrors the mode bits, but tar
            // writes one as text for a directory that has only a default ACL.
            boolean minimal = (value.length - ACL_HEADER) / ACL_ENTRY <= MINIMAL_ACL_ENTRIES;
            if (!(minimal && acl.getKey().equals(Xattr.ACL_ACCESS))) {
                all.put(acl.getKey(), checkValue(value, acl.getKey(), context));
            }
        }
        List<Xattr> xattrs = new ArrayList<>(all.size());
        all.forEach((name, value) -> xattrs.add(new Xattr(name, value)));
        return xattrs;
    }

    private static byte[] aclFromText(String name, String text, String context) throws CorruptArchiveException {
        try {
            return PosixAcl.fromText(text);
        } catch (IllegalArgumentException e) {
            throw new CorruptArchiveException("bad ACL text for " + name + " in entry '" + context + "': "
                    + e.getMessage(), e);
        }
    }

    private static String checkName(String name, String context) throws CorruptArchiveException {
        if (name.isEmpty() || name.indexOf('\0') >= 0
                || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME) {
            throw new CorruptArchiveException("bad xattr name '" + Text.clip(name) + "' in entry '" + context + "'");
        }
        return name;
    }

    private static byte[] checkValue(byte[] value, String key, String context) throws CorruptArchiveException {
        if (value.length > MAX_VALUE) {
            throw new CorruptArchiveException("xattr " + Text.clip(key) + " of entry '" + context + "' has "
                    + value.length + " bytes, more than " + MAX_VALUE);
        }
        return value;
    }

    /** libarchive's escaping of xattr names in keywords: %XX for controls, space, '%', '=' and non-ASCII. */
    static String urlEncode(byte[] name) {
        StringBuilder s = new StringBuilder(name.length + 8);
        for (byte b : name) {
            int c = b & 0xFF;
            if (c <= ' ' || c >= 0x7F || c == '%' || c == '=') {
                s.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            } else {
                s.append((char) c);
            }
        }
        return s.toString();
    }

    static String urlDecode(String encoded, String context) throws CorruptArchiveException {
        byte[] in = encoded.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%') {
                int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
                int lo = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new CorruptArchiveException("bad %-escape in xattr name of entry '" + context + "'");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return Text.decode(out.toByteArray(), "xattr name", context);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
