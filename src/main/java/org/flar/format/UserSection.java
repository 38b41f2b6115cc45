package org.flar.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The content of a user-defined section as flar create stores it: text as it is, anything else
 * (binary, no final line feed, a line that looks like a section marker) as base64 in lines of
 * 76 characters, as flash_archive(4) asks. `base64 -d` of the split section gives it back.
 */
public final class UserSection {
    private UserSection() {
    }

    /** Checks the name and returns the content to store. */
    public static byte[] encode(String name, byte[] content) {
        if (!FlashArchive.isWritableSectionName(name)) {
            throw new IllegalArgumentException("section '" + name + "': a user section's name starts with X and has no =, /, ',', ':' or line feed");
        }
        return isText(content) ? content : base64(content);
    }

    public static boolean isText(byte[] content) {
        if (content.length == 0 || content[content.length - 1] != '\n') {
            return false;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        for (String line : text.split("\n")) {
            if (line.indexOf('\0') >= 0 || line.startsWith(FlashArchive.BEGIN) || line.startsWith(FlashArchive.END)
                    || line.length() > FlashArchive.MAX_LINE) {
                return false;
            }
        }
        return true;
    }

    private static byte[] base64(byte[] content) {
        String encoded = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(content);
        return (encoded.isEmpty() ? "" : encoded + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
