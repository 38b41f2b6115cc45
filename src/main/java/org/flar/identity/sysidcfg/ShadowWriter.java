package org.flar.identity.sysidcfg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code root_password}: the second field of root's line in {@code /etc/shadow} is replaced;
 * every other byte of the file stays as it was (other users, the change date, line endings), and
 * the file keeps its owner and mode (root:shadow 0640 on Debian, 0000 on RHEL).
 */
final class ShadowWriter {
    static final String SHADOW = "etc/shadow";

    private ShadowWriter() {
    }

    static void plan(String hash, RootFiles root, Plan plan) throws IOException {
        byte[] old = root.readBytes(SHADOW).orElseThrow(() -> new IOException(
                root.root().resolve(SHADOW) + ": missing or not a regular file; cannot set root's password"));
        byte[] prefix = "root:".getBytes(StandardCharsets.US_ASCII);
        int start = 0;
        while (start < old.length) {
            int end = indexOf(old, (byte) '\n', start);
            int lineEnd = end < 0 ? old.length : end;
            if (lineEnd - start >= prefix.length
                    && Arrays.equals(old, start, start + prefix.length, prefix, 0, prefix.length)) {
                int fieldStart = start + prefix.length;
                int fieldEnd = indexOf(old, (byte) ':', fieldStart);
                if (fieldEnd < 0 || fieldEnd > lineEnd) {
                    throw new IOException(root.root().resolve(SHADOW) + ": root's line has no password field");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream(old.length + hash.length());
                out.write(old, 0, fieldStart);
                out.writeBytes(hash.getBytes(StandardCharsets.US_ASCII));
                out.write(old, fieldEnd, old.length - fieldEnd);
                plan.bytes(SHADOW, out.toByteArray(), 0640);
                return;
            }
            start = lineEnd + 1;
        }
        throw new IOException(root.root().resolve(SHADOW) + ": no line for root; cannot set root's password");
    }

    private static int indexOf(byte[] b, byte value, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
