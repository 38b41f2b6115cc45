package org.flar.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;

/** JSON on standard output for --json. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);

    static {
        MAPPER.getFactory().setCharacterEscapes(new TerminalSafe());
    }

    private Json() {
    }

    static void print(PrintWriter out, Object value) throws IOException {
        out.println(MAPPER.writeValueAsString(value));
    }

    /** {@code value}'s fields after a first one, {@code key}: where the archive was (a file, URL or s3://). */
    static java.util.Map<String, Object> with(String key, Object first, Object value) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put(key, first);
        m.putAll(MAPPER.convertValue(value, new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() { }));
        return m;
    }

    /** {@code value} as one line of JSON (--progress=json). */
    static String line(Object value) throws IOException {
        return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    }

    /**
     * JSON itself only requires escaping below U+0020; DEL, the C1 controls (U+009B is CSI to
     * many terminals) and the bidirectional overrides are escaped too, since archive text ends up
     * on terminals through {@code --json | less} as well.
     */
    private static final class TerminalSafe extends CharacterEscapes {
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        TerminalSafe() {
            ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            boolean control = (ch >= 0x80 && ch <= 0x9f) || (ch >= 0x202a && ch <= 0x202e) || (ch >= 0x2066 && ch <= 0x2069);
            return control ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
