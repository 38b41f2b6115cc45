package org.flar.format;

import org.flar.entry.ContentDigest;
import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Hashes a text section's content as it streams by and checks that a reader will accept it:
 * lines end in {@code \n}, none is longer than the limit, none looks like a section marker.
 */
final class TextSectionCheck {

    private static final byte[] BEGIN = FlashArchive.BEGIN.getBytes(US_ASCII);
    private static final byte[] END = FlashArchive.END.getBytes(US_ASCII);

    private final String section;
    private final long sizeLimit;
    private final MessageDigest md = ContentDigest.newSha256();
    private final byte[] head = new byte[BEGIN.length];
    private long lineLength;
    private long lineNumber = 1;
    private long size;

    TextSectionCheck(String section) {
        this.section = section;
        this.sizeLimit = FlashArchive.sizeLimit(section);
    }

    void update(byte[] b, int off, int len) {
        md.update(b, off, len);
        size += len;
        if (sizeLimit >= 0 && size > sizeLimit) {
            throw new IllegalArgumentException("section " + section + " is larger than " + sizeLimit + " bytes");
        }
        int end = off + len;
        for (int i = off; i < end; ) {
            int nl = i;
            while (nl < end && b[nl] != '\n') {
                nl++;
            }
            int have = (int) Math.min(lineLength, head.length);
            int take = Math.min(head.length - have, nl - i);
            System.arraycopy(b, i, head, have, take);
            lineLength += nl - i;
            if (lineLength > FlashArchive.MAX_LINE) {
                throw new IllegalArgumentException("section " + section + " line " + lineNumber
                        + " is longer than " + FlashArchive.MAX_LINE + " bytes");
            }
            if (nl == end) {
                break;
            }
            checkHead();
            lineLength = 0;
            lineNumber++;
            i = nl + 1;
        }
    }

    /** The content's SHA-256 in lowercase hex, after checking that it ended with a whole line. */
    String finish() {
        if (lineLength != 0) {
            throw new IllegalArgumentException("section " + section + " does not end with a line feed");
        }
        return HexFormat.of().formatHex(md.digest());
    }

    long size() {
        return size;
    }

    private void checkHead() {
        if (startsWith(BEGIN) || startsWith(END)) {
            throw new IllegalArgumentException("section " + section + " line " + lineNumber
                    + " would read as a section marker");
        }
    }

    private boolean startsWith(byte[] marker) {
        return lineLength >= marker.length && Arrays.equals(head, 0, marker.length, marker, 0, marker.length);
    }
}
