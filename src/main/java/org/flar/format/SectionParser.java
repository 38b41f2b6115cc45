package org.flar.format;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the cookie and the text sections, up to and including {@code section_begin=archive},
 * checking the container's structure. Checksums are {@link ArchiveChecks}' business.
 */
final class SectionParser {

    private static final Pattern COOKIE = Pattern.compile("FlAsH-aRcHiVe-(\\d{1,9})\\.(\\d{1,9})");
    private static final int MAX_COOKIE = 256;
    private static final byte[] NEWLINE = {'\n'};

    private final LineInput in;
    private final String archive;
    private final Path tempDir;
    private long lineNumber;

    String cookie;
    /** Text sections in archive order; "archive" is not among them. */
    final Map<String, SectionSpool> sections = new LinkedHashMap<>();

    SectionParser(LineInput in, String archive, Path tempDir) {
        this.in = in;
        this.archive = archive;
        this.tempDir = tempDir;
    }

    /** Reads everything before the payload; on failure the spools made so far are deleted. */
    void parse() throws IOException {
        try {
            readCookie();
            readSections();
        } catch (IOException | RuntimeException e) {
            for (SectionSpool s : sections.values()) {
                s.close();
            }
            throw e;
        }
    }

    private void readCookie() throws IOException {
        byte[] line;
        try {
            line = in.readLine(MAX_COOKIE);
        } catch (LineInput.TooLong e) {
            throw notFlash();
        } catch (LineInput.Truncated e) {
            String partial = new String(e.partial, UTF_8);
            if (COOKIE.matcher(partial).matches() || FlashArchive.COOKIE_PREFIX.startsWith(partial)
                    || partial.startsWith(FlashArchive.COOKIE_PREFIX)) {
                throw corrupt("truncated in the cookie line");
            }
            throw notFlash();
        }
        if (line == null) {
            throw new CorruptArchiveException(archive + ": not a flash archive (empty)");
        }
        lineNumber = 1;
        cookie = new String(line, UTF_8);
        if (!cookie.startsWith(FlashArchive.COOKIE_PREFIX)) {
            throw notFlash();
        }
        Matcher m = COOKIE.matcher(cookie);
        int major = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        if (major != 1 && major != 2) {
            throw corrupt("unknown flash archive version " + Show.line(cookie.substring(FlashArchive.COOKIE_PREFIX.length())));
        }
    }

    private void readSections() throws IOException {
        while (true) {
            String marker = readMarker();
            String name = marker.substring(FlashArchive.BEGIN.length());
            if (sections.isEmpty() && !name.equals(FlashArchive.IDENTIFICATION)) {
                throw corrupt("missing identification section: the first section is '" + Show.line(name) + "'");
            }
            if (!FlashArchive.isValidSectionName(name)) {
                throw corrupt("invalid section name '" + Show.line(name) + "' at line " + lineNumber);
            }
            if (name.equals(FlashArchive.SIGNATURE) && sections.size() != 1) {
                throw corrupt("the signature section must directly follow the identification section (line " + lineNumber + ")");
            }
            if (sections.containsKey(name)) {
                throw corrupt("duplicate section " + Show.line(name) + " at line " + lineNumber);
            }
            if (name.equals(FlashArchive.ARCHIVE)) {
                return;
            }
            SectionSpool content = new SectionSpool(tempDir);
            sections.put(name, content);
            readContent(name, content);
        }
    }

    private String readMarker() throws IOException {
        byte[] line;
        try {
            line = in.readLine(FlashArchive.MAX_LINE);
        } catch (LineInput.TooLong e) {
            throw corrupt("line " + (lineNumber + 1) + " is longer than " + FlashArchive.MAX_LINE + " bytes");
        } catch (LineInput.Truncated e) {
            throw corrupt("truncated at line " + (lineNumber + 1) + (sections.isEmpty() ? ", before the identification section"
                    : ", where a section_begin= line should be"));
        }
        if (line == null) {
            throw corrupt(sections.isEmpty() ? "truncated: missing identification section"
                    : "truncated: no archive section after section " + lastSection());
        }
        lineNumber++;
        String s = new String(line, UTF_8);
        if (!s.startsWith(FlashArchive.BEGIN)) {
            throw corrupt(sections.isEmpty() ? "missing identification section (line 2 is '" + Show.line(s) + "')"
                    : "expected section_begin= at line " + lineNumber + " after section " + lastSection()
                    + ", found '" + Show.line(s) + "'");
        }
        return s;
    }

    private void readContent(String name, SectionSpool content) throws IOException {
        long limit = FlashArchive.sizeLimit(name);
        String shown = Show.line(name);
        while (true) {
            byte[] line;
            try {
                line = in.readLine(FlashArchive.MAX_LINE);
            } catch (LineInput.TooLong e) {
                throw corrupt("section " + shown + " line " + (lineNumber + 1) + " is longer than "
                        + FlashArchive.MAX_LINE + " bytes");
            } catch (LineInput.Truncated e) {
                throw corrupt("truncated in section " + shown + " (line " + (lineNumber + 1) + ")");
            }
            if (line == null) {
                throw corrupt("truncated in section " + shown + " (no section_end=" + shown + ")");
            }
            lineNumber++;
            if (startsWith(line, FlashArchive.END)) {
                String end = new String(line, UTF_8).substring(FlashArchive.END.length());
                if (!end.equals(name)) {
                    throw corrupt("section " + shown + " ended by 'section_end=" + Show.line(end) + "' at line " + lineNumber);
                }
                content.finish();
                return;
            }
            if (startsWith(line, FlashArchive.BEGIN)) {
                throw corrupt("section " + shown + " has no section_end: line " + lineNumber + " is '"
                        + Show.line(new String(line, UTF_8)) + "'");
            }
            if (limit >= 0 && content.size() + line.length + 1 > limit) {
                throw corrupt("section " + shown + " is larger than " + limit + " bytes");
            }
            content.write(line, 0, line.length);
            content.write(NEWLINE, 0, 1);
        }
    }

    private String lastSection() {
        String last = null;
        for (String s : sections.keySet()) {
            last = s;
        }
        return Show.line(last);
    }

    private static boolean startsWith(byte[] line, String prefix) {
        if (line.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private CorruptArchiveException notFlash() {
        return corrupt("not a flash archive (no FlAsH-aRcHiVe cookie)");
    }

    private CorruptArchiveException corrupt(String message) {
        return new CorruptArchiveException(archive + ": " + message);
    }
}
