package org.flar.format.pax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** PosixAcl parses archive input: exact round trips, and nothing but IllegalArgumentException on garbage. */
class PosixAclProperties {

    /** An ACL as generated: the base permissions, named ids with permissions, and the mask if any. */
    record Acl(int user, int group, int other, Integer mask, List<long[]> users, List<long[]> groups) {
        byte[] binary() {
            ByteBuffer b = ByteBuffer.allocate(4 + 8 * (3 + (mask != null ? 1 : 0) + users.size() + groups.size()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(2);
            put(b, 1, user, -1);
            users.forEach(u -> put(b, 2, (int) u[1], (int) u[0]));
            put(b, 4, group, -1);
            groups.forEach(g -> put(b, 8, (int) g[1], (int) g[0]));
            if (mask != null) {
                put(b, 0x10, mask, -1);
            }
            put(b, 0x20, other, -1);
            return b.array();
        }

        /** star's form, rendered here rather than by PosixAcl so the two can be compared. */
        String text() {
            List<String> entries = new ArrayList<>();
            entries.add("user::" + rwx(user));
            users.forEach(u -> entries.add("user:" + u[0] + ":" + rwx((int) u[1]) + ":" + u[0]));
            entries.add("group::" + rwx(group));
            groups.forEach(g -> entries.add("group:" + g[0] + ":" + rwx((int) g[1]) + ":" + g[0]));
            if (mask != null) {
                entries.add("mask::" + rwx(mask));
            }
            entries.add("other::" + rwx(other));
            return String.join(",", entries);
        }

        private static String rwx(int perm) {
            return ((perm & 4) != 0 ? "r" : "-") + ((perm & 2) != 0 ? "w" : "-") + ((perm & 1) != 0 ? "x" : "-");
        }

        private static void put(ByteBuffer b, int tag, int perm, int id) {
            b.putShort((short) tag).putShort((short) perm).putInt(id);
        }
    }

    @Property
    void binaryRoundTripsExactly(@ForAll("acls") Acl acl) {
        byte[] binary = acl.binary();
        assertThat(PosixAcl.fromText(PosixAcl.toText(binary))).isEqualTo(binary);
    }

    @Property
    void textIsStarsForm(@ForAll("acls") Acl acl) {
        assertThat(PosixAcl.toText(acl.binary())).isEqualTo(acl.text());
        assertThat(PosixAcl.fromText(acl.text())).isEqualTo(acl.binary());
    }

    /** GNU tar's form: one entry a line, no fourth field, trailing comments, in any order. */
    @Property
    void gnuTarStyleMeansTheSame(@ForAll("acls") Acl acl, @ForAll long shuffleSeed) {
        byte[] binary = acl.binary();
        List<String> lines = new ArrayList<>();
        for (String entry : PosixAcl.toText(binary).split(",")) {
            String[] f = entry.split(":");
            lines.add(f[0] + ":" + f[1] + ":" + f[2] + "\t#effective:" + f[2]);
        }
        Collections.shuffle(lines, new Random(shuffleSeed));
        assertThat(PosixAcl.fromText(String.join("\n", lines) + "\n")).isEqualTo(binary);
    }

    @Property
    void randomTextThrowsOnlyIllegalArgument(@ForAll String text) {
        parseOrRefuse(text);
    }

    /** Random strings rarely get past the first colon: these are valid ACLs with a few edits. */
    @Property(tries = 5000)
    void editedTextThrowsOnlyIllegalArgument(@ForAll("editedText") String text) {
        parseOrRefuse(text);
    }

    @Property
    void randomBinaryThrowsOnlyIllegalArgument(@ForAll byte[] value) {
        toTextOrRefuse(value);
    }

    @Property(tries = 5000)
    void aclLikeBinaryThrowsOnlyIllegalArgument(@ForAll("aclLikeBinary") byte[] value) {
        toTextOrRefuse(value);
    }

    @Property(tries = 5000)
    void editedBinaryThrowsOnlyIllegalArgument(@ForAll("editedBinary") byte[] value) {
        toTextOrRefuse(value);
    }

    private static void parseOrRefuse(String text) {
        try {
            byte[] binary = PosixAcl.fromText(text);
            // Whatever it accepts is a valid ACL the other direction takes back unchanged.
            assertThat(PosixAcl.fromText(PosixAcl.toText(binary))).isEqualTo(binary);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static void toTextOrRefuse(byte[] value) {
        try {
            String text = PosixAcl.toText(value);
            assertThat(PosixAcl.toText(PosixAcl.fromText(text))).isEqualTo(text);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Acl> acls() {
        Arbitrary<Integer> perm = Arbitraries.integers().between(0, 7);
        Arbitrary<List<long[]>> named = Arbitraries.longs().between(0, 0xFFFFFFFEL).set().ofMaxSize(8)
                .flatMap(ids -> perm.list().ofSize(ids.size()).map(perms -> pair(ids, perms)));
        Arbitrary<Boolean> extraMask = Arbitraries.of(true, false);
        return Combinators.combine(perm, perm, perm, perm, named, named, extraMask)
                .as((u, g, o, m, users, groups, extra) -> new Acl(u, g, o,
                        users.isEmpty() && groups.isEmpty() && !extra ? null : m, users, groups));
    }

    private static List<long[]> pair(Set<Long> ids, List<Integer> perms) {
        List<long[]> out = new ArrayList<>();
        int i = 0;
        for (long id : new TreeSet<>(ids)) {
            out.add(new long[] {id, perms.get(i++)});
        }
        return out;
    }

    /** An edit at a relative position: 0 inserts the token, 1 deletes a character, 2 replaces one by the token. */
    record Edit(double where, int kind, String token) {
        String apply(String s) {
            int at = (int) (where * s.length());
            return switch (kind) {
                case 0 -> s.substring(0, at) + token + s.substring(at);
                case 1 -> at < s.length() ? s.substring(0, at) + s.substring(at + 1) : s;
                default -> at < s.length() ? s.substring(0, at) + token + s.substring(at + 1) : s + token;
            };
        }
    }

    @Provide
    Arbitrary<String> editedText() {
        Arbitrary<String> token = Arbitraries.of("user", "group", "mask", "other", "u", "g", "m", "o", "default",
                ":", ":", ":", ",", ",", "\n", "#", " ", "\t", "\r", "rwx", "r--", "-w-", "rw", "x", "X", "--",
                "0", "1000", "27", "4294967294", "4294967295", "99999999999", "-1", "alice", "é", "\0", "",
                "user:5:rwx:5,", "group::r--,", "mask::r--,", ",other::---");
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 2), token).as(Edit::new);
        return Combinators.combine(acls(), edit.list().ofMaxSize(3)).as((acl, edits) -> {
            String text = acl.text();
            for (Edit e : edits) {
                text = e.apply(text);
            }
            return text;
        });
    }

    @Provide
    Arbitrary<byte[]> editedBinary() {
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 200),
                Arbitraries.integers().between(0, 255)).as((at, value) -> new int[] {at, value});
        return Combinators.combine(acls(), edit.list().ofMinSize(1).ofMaxSize(3)).as((acl, edits) -> {
            byte[] b = acl.binary();
            for (int[] e : edits) {
                b[e[0] % b.length] = (byte) e[1];
            }
            return b;
        });
    }

    @Provide
    Arbitrary<byte[]> aclLikeBinary() {
        Arbitrary<Integer> tag = Arbitraries.of(1, 2, 4, 8, 0x10, 0x20, 0, 3, 0x40, 0xffff);
        Arbitrary<Integer> perm = Arbitraries.frequency(Tuple.of(10, 0), Tuple.of(10, 7), Tuple.of(5, 4),
                Tuple.of(1, 8), Tuple.of(1, 0xffff));
        Arbitrary<Integer> id = Arbitraries.frequency(Tuple.of(10, -1), Tuple.of(5, 0), Tuple.of(5, 1000),
                Tuple.of(1, -2));
        Arbitrary<byte[]> entry = Combinators.combine(tag, perm, id).as((t, p, i) ->
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort(t.shortValue())
                        .putShort(p.shortValue()).putInt(i).array());
        Arbitrary<Integer> version = Arbitraries.frequency(Tuple.of(20, 2), Tuple.of(1, 1), Tuple.of(1, 0x02000000));
        Arbitrary<Integer> trailing = Arbitraries.frequency(Tuple.of(20, 0), Tuple.of(1, 3));
        return Combinators.combine(version, entry.list().ofMaxSize(12), trailing).as((v, entries, extra) -> {
            ByteBuffer b = ByteBuffer.allocate(4 + 8 * entries.size() + extra).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(v);
            entries.forEach(b::put);
            return b.array();
        });
    }
}
