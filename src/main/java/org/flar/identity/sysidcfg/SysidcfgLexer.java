package org.flar.identity.sysidcfg;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits sysidcfg text into words, quoted values ({@code '...'} or {@code "..."}, which may span
 * lines and have no escapes, as in Solaris), and the punctuation {@code = { }}. A {@code #} where
 * a token could start comments out the rest of the line.
 */
final class SysidcfgLexer {
    enum Kind { WORD, QUOTED, EQUALS, OPEN, CLOSE, END }

    record Token(Kind kind, String text, Position at) {
        boolean isValue() {
            return kind == Kind.WORD || kind == Kind.QUOTED;
        }

        String describe() {
            return switch (kind) {
                case WORD -> "'" + text + "'";
                case QUOTED -> "a quoted value";
                case EQUALS -> "'='";
                case OPEN -> "'{'";
                case CLOSE -> "'}'";
                case END -> "the end of the file";
            };
        }
    }

    private final String file;
    private final String text;
    private int offset;
    private int line = 1;
    private int column = 1;

    SysidcfgLexer(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /** UTF-8 text, or an error at the line and column of the first byte that is not. */
    static String decode(byte[] content, String file) throws SysidcfgException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            String good = out.toString();
            int lineNo = 1 + (int) good.chars().filter(c -> c == '\n').count();
            int col = good.length() - good.lastIndexOf('\n');
            throw new SysidcfgException(file, new Position(lineNo, col), "not UTF-8 text");
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        // A byte order mark, as some Windows editors write, is not part of the first keyword.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    Token next() throws SysidcfgException {
        return next(false);
    }

    /**
     * The next token; with {@code afterEquals}, a bare word may contain '=' (crypt's
     * {@code $5$rounds=5000$...}, an LDAP DN), since only a value can follow '='.
     */
    Token next(boolean afterEquals) throws SysidcfgException {
        skipBlanksAndComments();
        Position at = new Position(line, column);
        if (offset >= text.length()) {
            return new Token(Kind.END, "", at);
        }
        char c = text.charAt(offset);
        switch (c) {
            case '=' -> {
                advance();
                return new Token(Kind.EQUALS, "=", at);
            }
            case '{' -> {
                advance();
                return new Token(Kind.OPEN, "{", at);
            }
            case '}' -> {
                advance();
                return new Token(Kind.CLOSE, "}", at);
            }
            case '\'', '"' -> {
                return quoted(c, at);
            }
            default -> {
                return word(at, afterEquals);
            }
        }
    }

    private Token quoted(char quote, Position at) throws SysidcfgException {
        advance();
        int start = offset;
        while (offset < text.length() && text.charAt(offset) != quote) {
            checkPrintable(text.charAt(offset));
            advance();
        }
        if (offset >= text.length()) {
            throw new SysidcfgException(file, at, "unterminated quoted value (no closing " + quote + ")");
        }
        String value = text.substring(start, offset);
        advance();
        return new Token(Kind.QUOTED, value, at);
    }

    private Token word(Position at, boolean afterEquals) throws SysidcfgException {
        int start = offset;
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (" \t\r\n{}'\"#".indexOf(c) >= 0 || c == '=' && !afterEquals) {
                break;
            }
            checkPrintable(c);
            advance();
        }
        return new Token(Kind.WORD, text.substring(start, offset), at);
    }

    private void checkPrintable(char c) throws SysidcfgException {
        if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
            throw new SysidcfgException(file, new Position(line, column),
                    String.format("control character U+%04X", (int) c));
        }
    }

    private void skipBlanksAndComments() {
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (c == '#') {
                while (offset < text.length() && text.charAt(offset) != '\n') {
                    advance();
                }
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                advance();
            } else {
                return;
            }
        }
    }

    private void advance() {
        if (text.charAt(offset++) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
    }
}
