package org.flar.identity.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The profile parser on generated profiles and on garbage. */
class ProfileParserProperties {

    record Spec(String name, String os, List<String> paths, Action action, String content) {
    }

    @Property(tries = 500)
    void writtenProfilesReadBackTheSame(@ForAll("profiles") List<Spec> specs) throws Exception {
        StringBuilder text = new StringBuilder("# generated\n");
        for (Spec s : specs) {
            text.append("[").append(s.name()).append("]\n");
            text.append("  os = ").append(s.os()).append("\n");
            for (String p : s.paths()) {
                text.append("path\t=  ").append(p).append("\r\n");
            }
            text.append("action = ").append(s.action().keyword()).append("\n");
            if (s.action() == Action.REPLACE) {
                text.append("content = ").append(escape(s.content())).append("\n");
            }
            if (s.action() == Action.EDIT_LINES) {
                text.append("drop = ^#").append("\n");
            }
        }
        Profile p = ProfileParser.parse(text.toString(), "gen.profile", "gen");
        assertThat(p.items()).hasSize(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            IdentityItem item = p.items().get(i);
            assertThat(item.name()).isEqualTo(s.name());
            assertThat(item.os()).isEqualTo(s.os());
            assertThat(item.action()).isEqualTo(s.action());
            assertThat(item.paths()).extracting(PathGlob::text).containsExactlyElementsOf(s.paths());
            if (s.action() == Action.REPLACE) {
                assertThat(new String(item.content(), StandardCharsets.UTF_8)).isEqualTo(s.content());
            }
        }
    }

    /** Whatever the input, the parser returns a profile or a ProfileSyntaxException with a position inside the text. */
    @Property(tries = 3000)
    void garbageIsASyntaxErrorWithAPosition(@ForAll("garbage") String text) {
        try {
            ProfileParser.parse(text, "g.profile", "g");
        } catch (ProfileSyntaxException e) {
            String[] lines = text.split("\n", -1);
            assertThat(e.line()).isBetween(1, lines.length);
            assertThat(e.column()).isBetween(1, lines[e.line() - 1].length() + 2);
            assertThat(e.getMessage()).startsWith("g.profile:" + e.line() + ":" + e.column() + ": ");
        } catch (java.io.IOException e) {
            throw new AssertionError("only syntax errors expected", e);
        }
    }

    /** Editing keeps every line no rule touches byte for byte, whatever the bytes. */
    @Property(tries = 1000)
    void lineEditsKeepOtherLinesExactly(@ForAll("bytes") byte[] content) {
        LineEditor.Result r = LineEditor.edit(content, List.of(LineEdit.drop(java.util.regex.Pattern.compile("^NFS"))));
        String in = new String(content, StandardCharsets.ISO_8859_1);
        assertThat(new String(r.content(), StandardCharsets.ISO_8859_1)).isEqualTo(keepLines(in));
    }

    private static String keepLines(String in) {
        StringBuilder b = new StringBuilder();
        int start = 0;
        while (start < in.length()) {
            int nl = in.indexOf('\n', start);
            int end = nl < 0 ? in.length() : nl + 1;
            String line = in.substring(start, end);
            if (!line.startsWith("NFS")) {
                b.append(line);
            }
            start = end;
        }
        return b.toString();
    }

    private static String escape(String s) {
        // Values are stripped: spaces are written as \x20 so that leading and trailing ones survive.
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace(" ", "\\x20");
    }

    @Provide
    Arbitrary<List<Spec>> profiles() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abcxyz019._-").ofMinLength(1).ofMaxLength(12)
                .filter(n -> Character.isLetterOrDigit(n.charAt(0)));
        Arbitrary<String> component = Arbitraries.strings().withChars("abcXYZ019_.-*?").ofMinLength(1).ofMaxLength(8)
                .filter(c -> !c.equals(".") && !c.equals("..") && !c.contains("**"));
        Arbitrary<String> path = component.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
        Arbitrary<Spec> spec = Combinators.combine(names, Arbitraries.of("linux", "solaris", "any"),
                path.list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(Action.REMOVE, Action.TRUNCATE, Action.REPLACE,
                        Action.EDIT_LINES, Action.REGENERATE),
                Arbitraries.strings().withChars("ab \\\n\té#$").ofMaxLength(20))
                .as(Spec::new);
        return spec.list().ofMinSize(1).ofMaxSize(6).uniqueElements(Spec::name);
    }

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("[a]", "[b]", "[ c ]", "[", "]", "path = x", "path = ../x", "action = remove",
                        "action = edit-lines", "drop = (", "drop = a", "substitute = /a/b/", "substitute = /(a)/$1$2/",
                        "content = \\", "content = \\x4", "os = linux", "os = x", "extends = linux", "extends = y",
                        "= v", "key", "# c", "", "action = replace", "content = a\\nb", "generator = x",
                        "action = regenerate", "path = a/**", "path = [", "description ="),
                Arbitraries.strings().withChars("[]=#/ \\apth$().").ofMaxLength(15));
        return line.list().ofMaxSize(12).map(l -> String.join("\n", l));
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
                Arbitraries.strings().withChars("NFSab\n\r ").ofMaxLength(60).map(s -> s.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
