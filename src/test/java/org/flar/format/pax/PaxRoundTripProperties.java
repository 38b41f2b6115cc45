package org.flar.format.pax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.SparseMap;
import org.flar.entry.SparseMap.Segment;
import org.flar.entry.Xattr;
import org.flar.format.pax.Payloads.Item;
import org.flar.format.pax.PosixAcl;

class PaxRoundTripProperties {

    @Property(tries = 300)
    void randomEntriesRoundTripExactly(@ForAll("payloads") List<Item> items) throws IOException {
        List<Item> back = Payloads.read(Payloads.write(items));
        assertThat(back).hasSameSizeAs(items);
        for (int i = 0; i < items.size(); i++) {
            assertThat(back.get(i).entry()).isEqualTo(items.get(i).entry());
            assertThat(back.get(i).content()).isEqualTo(items.get(i).content());
        }
    }

    /**
     * Damaged payloads give entries or an IOException, nothing else, quickly. Half the time the
     * damaged headers get valid checksums again, so the damage reaches the field parsers.
     */
    @Property(tries = 1500)
    void damagedPayloadsFailCleanly(@ForAll("payloads") List<Item> items,
                                    @ForAll("damage") List<Tuple.Tuple2<Double, Byte>> damage,
                                    @ForAll @IntRange(max = 2) int truncate,
                                    @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double truncateAt,
                                    @ForAll boolean fixChecksums) throws IOException {
        byte[] payload = Payloads.write(items);
        List<Integer> headers = headerOffsets(payload);
        for (Tuple.Tuple2<Double, Byte> d : damage) {
            payload[(int) (d.get1() * payload.length)] = d.get2();
        }
        if (fixChecksums) {
            for (int offset : headers) {
                byte[] block = java.util.Arrays.copyOfRange(payload, offset, offset + UstarHeader.BLOCK);
                UstarHeader.putOctal(block, UstarHeader.CHKSUM, 7, UstarHeader.checksum(block, false));
                System.arraycopy(block, UstarHeader.CHKSUM, payload, offset + UstarHeader.CHKSUM, 8);
            }
        }
        byte[] input = truncate == 0 ? java.util.Arrays.copyOf(payload, (int) (truncateAt * payload.length)) : payload;
        String outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> readEverything(input));
        Statistics.label("outcome").collect(outcome);
    }

    /** "entries", or the kind of IOException: the message up to "in entry"/"at offset". */
    private static String readEverything(byte[] input) {
        try (PaxReader r = new PaxReader(new ByteArrayInputStream(input))) {
            int n = 0;
            for (Entry e = r.next(); e != null; e = r.next()) {
                InputStream content = r.content();
                if (n++ % 2 == 0) {
                    content.readAllBytes();
                }
            }
            return "entries";
        } catch (IOException expected) {
            return expected.getMessage().replaceAll("(?s)( in entry| at offset| of entry| on entry|'|[0-9]).*", "");
        }
    }

    /** Where the writer put header blocks ('x' and ustar): each is followed by its data. */
    private static List<Integer> headerOffsets(byte[] payload) throws IOException {
        List<Integer> offsets = new ArrayList<>();
        int offset = 0;
        while (offset + UstarHeader.BLOCK <= payload.length) {
            byte[] block = java.util.Arrays.copyOfRange(payload, offset, offset + UstarHeader.BLOCK);
            if (UstarHeader.isZero(block)) {
                break;
            }
            offsets.add(offset);
            offset += UstarHeader.BLOCK + HeaderEncoder.padded(UstarHeader.parse(block, "x").size());
        }
        return offsets;
    }

    @Property
    void paxTimesParseBackExactly(@ForAll long nanos) throws IOException {
        assertThat(PaxTime.parse(PaxTime.format(nanos), "mtime", "f")).isEqualTo(nanos);
    }

    @Property
    void recordLengthsAreSelfConsistent(@ForAll @IntRange(max = 200_000) int keyLength,
                                        @ForAll @IntRange(max = 2_000_000) int valueLength) {
        long length = PaxHeaderBuilder.recordLength(keyLength, valueLength);
        assertThat(length).isEqualTo(Long.toString(length).length() + keyLength + valueLength + 3L);
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Double, Byte>>> damage() {
        Arbitrary<Byte> values = Arbitraries.oneOf(Arbitraries.bytes(),
                Arbitraries.of((byte) 0, (byte) 0xFF, (byte) 0x80, (byte) '0', (byte) '7', (byte) '9', (byte) ' ',
                        (byte) '\n', (byte) '=', (byte) 'x', (byte) 'g', (byte) 'L', (byte) 'K', (byte) 'S', (byte) '5'));
        return Combinators.combine(Arbitraries.doubles().between(0, 1).ofScale(6).filter(d -> d < 1), values)
                .as(Tuple::of).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Item>> payloads() {
        return Arbitraries.frequencyOf(Tuple.of(1, rootItem()), Tuple.of(12, item())).list().ofMaxSize(8);
    }

    private static Arbitrary<Item> rootItem() {
        return Combinators.combine(modes(), ids(), times(), xattrs())
                .as((mode, uid, time, xattrs) -> Item.of(Entry.builder(".", EntryType.DIRECTORY).mode(mode)
                        .owner(uid, uid).mtimeNanos(time).xattrs(xattrs).build()));
    }

    private static Arbitrary<Item> item() {
        return Combinators.combine(paths(), Arbitraries.of(EntryType.class), modes(), ids(), ids(), times(),
                        ownerNames(), ownerNames())
                .as((path, type, mode, uid, gid, time, user, group) -> Entry.builder(path, type).mode(mode)
                        .owner(uid, gid).names(user, group).mtimeNanos(time).build())
                .flatMap(e -> xattrs().flatMap(x -> details(e.toBuilder().xattrs(x).build())));
    }

    private static Arbitrary<Item> details(Entry e) {
        return switch (e.type()) {
            case FILE -> Arbitraries.oneOf(
                    Arbitraries.bytes().array(byte[].class).ofMaxSize(1500)
                            .map(c -> new Item(e.toBuilder().size(c.length).build(), c)),
                    sparseMaps().map(m -> new Item(e.toBuilder().size(m.realSize()).sparse(m).build(),
                            PaxRoundTripTest.fill((int) m.storedSize()))));
            case HARDLINK -> paths().map(t -> Item.of(e.toBuilder().linkTarget(t).build()));
            case SYMLINK -> Arbitraries.strings().withCharRange('\u0001', '\uD7FF').withChars("/./..")
                    .ofMinLength(1).ofMaxLength(300).map(t -> Item.of(e.toBuilder().linkTarget(t).build()));
            case CHAR_DEVICE, BLOCK_DEVICE -> Combinators.combine(deviceNumbers(), deviceNumbers())
                    .as((major, minor) -> Item.of(e.toBuilder().device(major, minor).build()));
            case DIRECTORY, FIFO -> Arbitraries.just(Item.of(e));
        };
    }

    private static Arbitrary<String> paths() {
        Arbitrary<String> component = Arbitraries.oneOf(
                        Arbitraries.strings().withChars("abcxyz0189-_.=").ofMinLength(1).ofMaxLength(30),
                        Arbitraries.strings().withCharRange('\u0001', '\uD7FF').excludeChars('/')
                                .ofMinLength(1).ofMaxLength(60),
                        Arbitraries.strings().withChars("ab \t\näé€").ofMinLength(1).ofMaxLength(120))
                .filter(c -> !c.equals(".") && !c.equals(".."));
        return component.list().ofMinSize(1).ofMaxSize(8).map(c -> String.join("/", c));
    }

    private static Arbitrary<Integer> modes() {
        return Arbitraries.integers().between(0, 07777);
    }

    private static Arbitrary<Integer> ids() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(0, 2097151, 2097152, 0xFFFFFFFE, -1));
    }

    private static Arbitrary<Integer> deviceNumbers() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 4095), Arbitraries.integers().greaterOrEqual(0));
    }

    private static Arbitrary<Long> times() {
        return Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.longs().between(-5_000_000_000L, 5_000_000_000L),
                Arbitraries.longs().between(0, 4_102_444_800L).map(s -> s * 1_000_000_000L));
    }

    private static Arbitrary<String> ownerNames() {
        return Arbitraries.oneOf(Arbitraries.just(null),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0001', '\uD7FF').ofMinLength(1).ofMaxLength(40));
    }

    private static final List<String> ACLS = List.of(
            "user::rw-,user:1000:r--:1000,group::r--,mask::r--,other::r--",
            "user::rwx,user:0:---:0,user:4294967294:rwx:4294967294,group::---,group:5:r-x:5,mask::rwx,other::---");

    private static Arbitrary<List<Xattr>> xattrs() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0001', '\uD7FF').ofMinLength(1).ofMaxLength(60),
                Arbitraries.strings().withChars("abc=.\n ").ofMinLength(1).ofMaxLength(20))
                .flatMap(n -> Arbitraries.of("user.", "security.", "trusted.").map(p -> p + n));
        Arbitrary<Xattr> plain = Combinators.combine(names, Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
                .as(Xattr::new);
        Arbitrary<Xattr> acl = Combinators.combine(Arbitraries.of(Xattr.ACL_ACCESS, Xattr.ACL_DEFAULT), Arbitraries.of(ACLS))
                .as((name, text) -> new Xattr(name, PosixAcl.fromText(text)));
        return Arbitraries.frequencyOf(Tuple.of(5, plain), Tuple.of(1, acl)).list().ofMaxSize(5)
                .uniqueElements(Xattr::name);
    }

    /** Data segments in order with holes between; a last empty segment at the size is GNU's marker, not data. */
    private static Arbitrary<SparseMap> sparseMaps() {
        Arbitrary<long[]> gapAndLength = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.longs().between(0, 10_000), Arbitraries.longs().between(0, 1L << 36)),
                Arbitraries.longs().between(0, 300)).as((g, l) -> new long[] {g, l});
        return Combinators.combine(gapAndLength.list().ofMaxSize(12),
                        Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(0, 1L << 36)))
                .as((parts, trailing) -> {
                    List<Segment> segments = new ArrayList<>();
                    long end = 0;
                    for (long[] p : parts) {
                        segments.add(new Segment(end + p[0], p[1]));
                        end += p[0] + p[1];
                    }
                    if (!segments.isEmpty() && trailing == 0 && segments.getLast().length() == 0) {
                        segments.removeLast();
                    }
                    return new SparseMap(segments, end + trailing);
                });
    }
}
