package org.flar.format;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flar.entry.ContentDigest;

/**
 * A deployment-script section ({@code predeployment}, {@code postdeployment}, {@code reboot}):
 * one line per script, in the order they run (names ascending),
 * {@code NAME size=N sha256=HEX content=BASE64}. Names are those run-parts accepts, so nothing
 * in a name can reach a shell or a path; one line keeps a script to what a text line may hold.
 */
public final class ScriptSection {
    /** The largest script: its base64 must fit in one line of a text section. */
    public static final int MAX_SCRIPT = (FlashArchive.MAX_LINE - 1024) / 4 * 3;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");
    private static final Pattern LINE = Pattern.compile("(\\S+) size=(0|[1-9][0-9]{0,9}) sha256=([0-9a-f]{64}) content=([A-Za-z0-9+/=]*)");

    /** One script: its name (run order) and its bytes. */
    public record Script(String name, byte[] content) {
        public Script {
            checkName(name);
            if (content.length > MAX_SCRIPT) {
                throw new IllegalArgumentException("script " + name + ": " + content.length + " bytes, more than the "
                        + MAX_SCRIPT + " a script section holds");
            }
        }

        public String sha256() {
            return ContentDigest.of(content);
        }
    }

    private ScriptSection() {
    }

    /** The script sections an archive may have, in the order they run. */
    public static final List<String> SECTIONS = List.of(FlashArchive.PREDEPLOYMENT, FlashArchive.POSTDEPLOYMENT,
            FlashArchive.REBOOT);

    /** Whether {@code name} may name a script: letters, digits, '_', '.', '-', not starting with '.' or '-'. */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("script name '" + Show.line(String.valueOf(name)) + "': only letters, "
                    + "digits, '_', '.' and '-', not starting with '.' or '-' (as run-parts)");
        }
    }

    /** The section's content; the scripts are sorted by name (their run order) and must be unique. */
    public static byte[] encode(List<Script> scripts) {
        List<Script> sorted = new ArrayList<>(scripts);
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        StringBuilder b = new StringBuilder();
        String previous = null;
        for (Script s : sorted) {
            if (s.name().equals(previous)) {
                throw new IllegalArgumentException("script " + s.name() + " given twice for one phase");
            }
            previous = s.name();
            b.append(s.name()).append(" size=").append(s.content().length).append(" sha256=").append(s.sha256())
                    .append(" content=").append(Base64.getEncoder().encodeToString(s.content())).append('\n');
        }
        return b.toString().getBytes(UTF_8);
    }

    /** The scripts of {@code section}, checked (names in order, sizes, checksums); none when the archive has no such section. */
    public static List<Script> read(FlashArchiveReader archive, String section) throws IOException {
        if (!archive.hasSection(section)) {
            return List.of();
        }
        String text = new String(archive.section(section), UTF_8);
        List<Script> scripts = new ArrayList<>();
        int lineNo = 0;
        String previous = null;
        for (String line : text.isEmpty() ? new String[0] : text.split("\n")) {
            lineNo++;
            String where = archive.name() + ": section " + section + " line " + lineNo;
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new CorruptArchiveException(where + ": not 'NAME size=N sha256=HEX content=BASE64'");
            }
            String name = m.group(1);
            if (!NAME.matcher(name).matches()) {
                throw new CorruptArchiveException(where + ": script name '" + Show.line(name) + "' is not a run-parts name");
            }
            if (previous != null && previous.compareTo(name) >= 0) {
                throw new CorruptArchiveException(where + ": script " + name + " is out of order or repeated");
            }
            previous = name;
            long size = Long.parseLong(m.group(2));
            if (size > MAX_SCRIPT) {
                throw new CorruptArchiveException(where + ": script " + name + " claims " + size + " bytes, over the limit");
            }
            byte[] content;
            try {
                content = Base64.getDecoder().decode(m.group(4));
            } catch (IllegalArgumentException e) {
                throw new CorruptArchiveException(where + ": script " + name + ": content is not base64");
            }
            if (content.length != size) {
                throw new CorruptArchiveException(where + ": script " + name + " has " + content.length
                        + " bytes, size says " + size);
            }
            String sum = HexFormat.of().formatHex(ContentDigest.newSha256().digest(content));
            if (!sum.equals(m.group(3))) {
                throw new CorruptArchiveException(where + ": script " + name + " fails its checksum");
            }
            scripts.add(new Script(name, content));
        }
        return List.copyOf(scripts);
    }
}
