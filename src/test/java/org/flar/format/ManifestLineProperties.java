package org.flar.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.Xattr;

class ManifestLineProperties {

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void formatThenParseGivesTheEntryBack(@ForAll("entries") Entry e) {
        String line = ManifestLine.format(e);
        assertThat(line).doesNotContain("\n", "\t", "  ");
        ManifestEntry parsed = ManifestLine.parse(line);
        Entry expected = e.toBuilder().xattrs(List.of())
                .names(emptyToNull(e.user()), emptyToNull(e.group())).build();
        assertThat(parsed.entry()).isEqualTo(expected);
        assertThat(parsed.xattrNames()).isEqualTo(ManifestLine.xattrNames(e.xattrs()));
        assertThat(parsed.describes(e)).isTrue();
        assertThat(ManifestLine.format(parsed.entry().toBuilder().xattrs(e.xattrs()).build())).isEqualTo(line);
    }

    @Property(tries = 3000)
    void garbageOnlyThrowsIllegalArgument(@ForAll("garbage") String line) {
        try {
            ManifestEntry m = ManifestLine.parse(line);
            // Whatever parses must format back to the very same line: one spelling per entry.
            if (m.xattrNames().isEmpty()) {
                assertThat(ManifestLine.format(m.entry())).isEqualTo(line);
            }
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void mutatedLinesParseCanonicallyOrThrowIllegalArgument(@ForAll("entries") Entry e,
            @ForAll("mutations") List<int[]> edits) {
        String line = ManifestLine.format(e.toBuilder().xattrs(List.of()).build());
        StringBuilder b = new StringBuilder(line);
        String alphabet = " =.,\\0179aef-/\n";
        for (int[] edit : edits) {
            int at = Math.floorMod(edit[1], b.length() + 1);
            char c = alphabet.charAt(Math.floorMod(edit[2], alphabet.length()));
            switch (Math.floorMod(edit[0], 3)) {
                case 0 -> b.insert(at, c);
                case 1 -> {
                    if (at < b.length()) {
                        b.deleteCharAt(at);
                    }
                }
                default -> {
                    if (at < b.length()) {
                        b.setCharAt(at, c);
                    }
                }
            }
        }
        garbageOnlyThrowsIllegalArgument(b.toString());
    }

    @Provide
    Arbitrary<List<int[]>> mutations() {
        return Arbitraries.integers().array(int[].class).ofSize(3).list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 2000)
    void pathOrderIsComponentWise(@ForAll("paths") String a, @ForAll("paths") String b) {
        assertThat(Integer.signum(ManifestLine.comparePaths(a, b))).isEqualTo(Integer.signum(reference(a, b)));
        assertThat(Integer.signum(ManifestLine.comparePaths(b, a))).isEqualTo(-Integer.signum(reference(a, b)));
    }

    private static int reference(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.equals(".")) {
            return -1;
        }
        if (b.equals(".")) {
            return 1;
        }
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Arrays.compareUnsigned(x[i].getBytes(UTF_8), y[i].getBytes(UTF_8));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> component = Arbitraries.strings().withChars("ab-.\u00e9\uE000 =,")
                .withCharRange('\uD83D', '\uD83D').ofMinLength(1).ofMaxLength(4)
                .map(ManifestLineProperties::fixSurrogates)
                .filter(s -> !s.equals(".") && !s.equals("..") && !s.isEmpty());
        return Arbitraries.oneOf(Arbitraries.just("."),
                component.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l)));
    }

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> tokens = Arbitraries.oneOf(
                Arbitraries.of("type=file", "type=dir", "type=link", "type=hardlink", "type=char", "mode=0644",
                        "mode=7777", "mode=08", "uid=0", "uid=-1", "gid=99999999999", "mtime=0.000000000",
                        "mtime=-1.999999999", "mtime=-0.000000001", "mtime=9223372036.854775808", "size=0", "size=12",
                        "sha256=" + "a".repeat(64), "link=a", "link=\\134", "dev=1,2", "dev=1", "xattrs=a,b",
                        "xattrsum=" + "0".repeat(64), "=", "", "a", "\\", "\\999", "\\040", "uname=x", "gname=\\000"),
                Arbitraries.strings().ofMaxLength(12));
        return tokens.list().ofMaxSize(9).map(l -> String.join(" ", l));
    }

    @Provide
    Arbitrary<Entry> entries() {
        Arbitrary<String> name = Arbitraries.strings().withChars("abc \t\n\\,=\u00e9\u65e5\u007f\u0001/")
                .withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> path = name.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l))
                .map(p -> p.replace("//", "/x/")).filter(p -> ArchivePaths.problem(p) == null);
        Arbitrary<EntryType> type = Arbitraries.of(EntryType.class);
        Arbitrary<Integer> mode = Arbitraries.integers().between(0, 07777);
        Arbitrary<Integer> id = Arbitraries.integers();
        Arbitrary<Long> mtime = Arbitraries.longs().between(-4_000_000_000_000_000_000L, 4_000_000_000_000_000_000L);
        Arbitrary<String> owner = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.just(""), name);
        Arbitrary<List<Xattr>> xattrs = Combinators.combine(name, Arbitraries.bytes().array(byte[].class).ofMaxSize(8))
                .as(Xattr::new).list().ofMaxSize(3).uniqueElements(Xattr::name);
        Arbitrary<String> sha = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).injectNull(0.3);
        return Combinators.combine(path, type, mode, id, id, owner, owner, mtime)
                .as((p, t, m, u, g, un, gn, mt) -> Entry.builder(p, t).mode(m).owner(u, g).names(un, gn).mtimeNanos(mt))
                .flatMap(b -> Combinators.combine(Arbitraries.longs().between(0, FlashArchive.MAX_FILE_SIZE), sha, name,
                        Arbitraries.integers(), Arbitraries.integers(), xattrs)
                        .as((size, digest, target, maj, min, xs) -> complete(b.build(), size, digest, target, maj, min, xs)));
    }

    private static Entry complete(Entry base, long size, String sha, String target, int maj, int min, List<Xattr> xs) {
        Entry.Builder b = base.toBuilder().xattrs(xs);
        switch (base.type()) {
            case FILE -> b.size(size).sha256(sha);
            case SYMLINK -> b.linkTarget(target);
            case HARDLINK -> b.linkTarget(".");
            case CHAR_DEVICE, BLOCK_DEVICE -> b.device(maj, min);
            default -> {
            }
        }
        return b.build();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String fixSurrogates(String s) {
        List<Character> out = new ArrayList<>();
        for (char c : s.toCharArray()) {
            out.add(c);
            if (c == '\uD83D') {
                out.add('\uDE00');
            }
        }
        StringBuilder b = new StringBuilder();
        out.forEach(b::append);
        return b.toString();
    }
}
