package org.flar.format.pax;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.flar.format.CorruptArchiveException;

/**
 * UTF-8 for names and values. Strict both ways: a name that is not valid UTF-8 is refused rather
 * than quietly turned into U+FFFD, which would restore a different name.
 */
final class Text {
    private static final int CLIP = 60;

    private Text() {
    }

    static String decode(byte[] bytes, String what, String context) throws CorruptArchiveException {
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CorruptArchiveException(what + " is not valid UTF-8 in entry '" + context + "'", e);
        }
    }

    static byte[] encode(String text, String what, String context) throws IOException {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IOException(what + " of entry '" + context + "' is not valid Unicode", e);
        }
    }

    /** For messages only: never fails, never huge. */
    static String lossy(byte[] bytes) {
        return clip(new String(bytes, StandardCharsets.UTF_8));
    }

    static String clip(String s) {
        return s.length() <= CLIP ? s : s.substring(0, CLIP) + "...";
    }

    static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    static boolean hasNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
