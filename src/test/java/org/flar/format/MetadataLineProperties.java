package org.flar.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.Xattr;

/** The metadata section's lines: one spelling, xattr values checked against xattrsum, garbage refused. */
class MetadataLineProperties {

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void formatThenParseGivesTheFileWithItsXattrValuesBack(@ForAll("files") Entry e) {
        String line = MetadataLine.format(e);
        Entry parsed = MetadataLine.parse(line);
        assertThat(parsed.xattrs()).isEqualTo(e.xattrs());
        assertThat(parsed.sha256()).isEqualTo(e.sha256());
        assertThat(ManifestEntry.of(e).describes(parsed)).isTrue();
        assertThat(MetadataLine.format(parsed)).isEqualTo(line);
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void mutatedLinesParseCanonicallyOrThrowIllegalArgument(@ForAll("files") Entry e, @ForAll int at, @ForAll int what) {
        StringBuilder b = new StringBuilder(MetadataLine.format(e));
        String alphabet = " =+/AQ\\0,a";
        int i = Math.floorMod(at, b.length());
        b.setCharAt(i, alphabet.charAt(Math.floorMod(what, alphabet.length())));
        try {
            assertThat(MetadataLine.format(MetadataLine.parse(b.toString()))).isEqualTo(b.toString());
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Example
    void onlyFilesWithTheirContentsSha256AndMatchingValues() {
        Entry f = file(List.of(new Xattr("user.a", new byte[] {1, 2})));
        String line = MetadataLine.format(f);
        String manifestPart = line.substring(0, line.lastIndexOf(" values="));
        assertThatThrownBy(() -> MetadataLine.parse(manifestPart)).hasMessageContaining("without values=");
        String otherValue = MetadataLine.format(file(List.of(new Xattr("user.a", new byte[] {1, 3}))));
        assertThatThrownBy(() -> MetadataLine.parse(manifestPart + otherValue.substring(otherValue.lastIndexOf(" values="))))
                .hasMessageContaining("xattrsum");
        assertThatThrownBy(() -> MetadataLine.parse("etc type=dir mode=0755 uid=0 gid=0 mtime=1.000000000"))
                .hasMessageContaining("only files");
        assertThatThrownBy(() -> MetadataLine.parse("etc/x type=file mode=0644 uid=0 gid=0 mtime=1.000000000 size=3"))
                .hasMessageContaining("sha256");
        assertThatThrownBy(() -> MetadataLine.parse(MetadataLine.format(file(List.of())) + " values=AAAAAA=="))
                .hasMessageContaining("values= without xattrs=");
    }

    private static Entry file(List<Xattr> xattrs) {
        return Entry.builder("etc/x", EntryType.FILE).mode(0644).size(3).mtimeNanos(1_000_000_000L)
                .sha256("ab".repeat(32)).xattrs(xattrs).build();
    }

    @Provide
    Arbitrary<Entry> files() {
        Arbitrary<String> name = Arbitraries.strings().withChars("abc \\,=\u00e9.").ofMinLength(1).ofMaxLength(6)
                .filter(s -> !s.equals(".") && !s.equals(".."));
        Arbitrary<String> path = name.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l));
        Arbitrary<List<Xattr>> xattrs = Combinators.combine(Arbitraries.of("user.a", "user.b", "trusted.t",
                        "security.capability", Xattr.ACL_ACCESS), Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as(Xattr::new).list().ofMaxSize(4).uniqueElements(Xattr::name);
        Arbitrary<String> sha = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
        return Combinators.combine(path, Arbitraries.integers().between(0, 07777), Arbitraries.longs().between(1, 1L << 40),
                        Arbitraries.longs().between(-1L << 60, 1L << 60), sha, xattrs)
                .as((p, mode, size, mtime, sum, x) -> Entry.builder(p, EntryType.FILE).mode(mode).owner(0, 0)
                        .size(size).mtimeNanos(mtime).sha256(sum).xattrs(x).build());
    }
}
