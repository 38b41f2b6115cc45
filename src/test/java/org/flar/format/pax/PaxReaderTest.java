package org.flar.format.pax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.SparseMap;
import org.flar.entry.SparseMap.Segment;
import org.flar.entry.Xattr;
import org.flar.format.CorruptArchiveException;
import org.flar.format.pax.Payloads.Item;
import org.flar.format.pax.PosixAcl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaxReaderTest {

    private static Entry only(byte[] payload) throws IOException {
        List<Item> items = Payloads.read(payload);
        assertThat(items).hasSize(1);
        return items.getFirst().entry();
    }

    private static void assertCorrupt(byte[] payload, String... messageParts) {
        var assertion = assertThatThrownBy(() -> Payloads.read(payload)).isInstanceOf(CorruptArchiveException.class);
        for (String part : messageParts) {
            assertion.hasMessageContaining(part);
        }
    }

    private static byte[] validPayload() throws IOException {
        return Payloads.write(List.of(
                PaxRoundTripTest.file("etc/passwd", PaxRoundTripTest.fill(1000)),
                PaxRoundTripTest.file("etc/shadow", PaxRoundTripTest.fill(10))));
    }

    @Test
    void truncationNamesTheEntry() throws IOException {
        byte[] payload = validPayload();
        int contentStart = 3 * 512;
        for (int cut : new int[] {contentStart + 1, contentStart + 999, contentStart + 1000, contentStart + 1020}) {
            assertCorrupt(Arrays.copyOf(payload, cut), "truncated in entry 'etc/passwd'");
        }
        assertCorrupt(Arrays.copyOf(payload, 700), "truncated in entry");
        assertCorrupt(Arrays.copyOf(payload, 200), "truncated header at offset 0");
        int secondPax = contentStart + 1024;
        assertCorrupt(Arrays.copyOf(payload, secondPax + 600), "truncated in entry");
        assertCorrupt(Arrays.copyOf(payload, payload.length - 1024), "without the end-of-archive marker",
                "after entry 'etc/shadow'");
    }

    @Test
    void truncatedContentFailsWhileReadingItToo() throws IOException {
        byte[] payload = Arrays.copyOf(validPayload(), 3 * 512 + 100);
        try (PaxReader r = new PaxReader(new ByteArrayInputStream(payload))) {
            assertThat(r.next().path()).isEqualTo("etc/passwd");
            assertThatThrownBy(() -> r.content().readAllBytes()).isInstanceOf(CorruptArchiveException.class)
                    .hasMessage("truncated in entry 'etc/passwd'");
        }
    }

    @Test
    void aPayloadCutInsideItsEndMarkerIsRefused() throws IOException {
        byte[] payload = Arrays.copyOf(validPayload(), validPayload().length - 512);
        assertThatThrownBy(() -> Payloads.read(payload)).isInstanceOf(CorruptArchiveException.class)
                .hasMessageStartingWith("payload ends inside its end-of-archive marker (one zero block of two)");
    }

    @Test
    void zerosMayFollowTheEndMarkerButNothingElse() throws IOException {
        byte[] padded = Arrays.copyOf(validPayload(), validPayload().length + 10240);
        assertThat(Payloads.read(padded)).hasSize(2);
        byte[] trailing = padded.clone();
        trailing[trailing.length - 1] = 'x';
        assertThatThrownBy(() -> Payloads.read(trailing)).isInstanceOf(CorruptArchiveException.class)
                .hasMessage("data after the end-of-archive marker at offset " + (trailing.length - 1));
        byte[] secondArchive = Arrays.copyOf(validPayload(), 2 * validPayload().length);
        System.arraycopy(validPayload(), 0, secondArchive, validPayload().length - 512, validPayload().length);
        assertThatThrownBy(() -> Payloads.read(secondArchive)).isInstanceOf(CorruptArchiveException.class)
                .hasMessageStartingWith("data after the end of the payload (a zero block, then a header)");
    }

    @Test
    void contentIsGoneOnceTheReaderMovesOn() throws IOException {
        try (PaxReader r = new PaxReader(new ByteArrayInputStream(validPayload()))) {
            r.next();
            InputStream first = r.content();
            assertThat(first.read()).isEqualTo(0);
            assertThat(r.next().path()).isEqualTo("etc/shadow");
            assertThatThrownBy(first::read).isInstanceOf(IOException.class).hasMessageContaining("'etc/passwd'");
            assertThat(r.content().readAllBytes()).isEqualTo(PaxRoundTripTest.fill(10));
            assertThat(r.next()).isNull();
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void checksumsAreChecked() throws IOException {
        byte[] payload = validPayload();
        payload[3 * 512 + 1024 + 5] ^= 1; // a byte of the second 'x' header's name
        assertCorrupt(payload, "bad header checksum");
        byte[] p2 = validPayload();
        p2[2 * 512 + 1] ^= 0x20; // "etc/passwd" becomes "eTc/passwd" in the ustar block
        assertCorrupt(p2, "bad header checksum in entry 'eTc/passwd'");
    }

    @Test
    void oldTarsSignedChecksumsAreAccepted() throws IOException {
        byte[] payload = new RawTar().header('0', "é", 0).end().bytes();
        long signed = UstarHeader.checksum(payload, true);
        UstarHeader.putOctal(payload, UstarHeader.CHKSUM, 7, signed);
        assertThat(only(payload).path()).isEqualTo("é");
    }

    @Test
    void badMagicAndOctalFieldsAreRefused() {
        assertCorrupt(new RawTar().header('0', "f", 0, b -> b[UstarHeader.MAGIC] = 'x').end().bytes(),
                "bad magic", "'f'");
        assertCorrupt(new RawTar().header('0', "f", 0, b -> b[UstarHeader.SIZE + 3] = '9').end().bytes(),
                "invalid size field in entry 'f'");
        assertCorrupt(new RawTar().header('0', "f", 0, b -> b[UstarHeader.UID + 2] = ' ').end().bytes(),
                "invalid uid field in entry 'f'");
    }

    @Test
    void gnuMagicAndLeadingSpacesAreAccepted() throws IOException {
        byte[] payload = new RawTar().header('0', "f", 0, b -> {
            System.arraycopy("ustar  \0".getBytes(StandardCharsets.US_ASCII), 0, b, UstarHeader.MAGIC, 8);
            System.arraycopy("   755 \0".getBytes(StandardCharsets.US_ASCII), 0, b, UstarHeader.MODE, 8);
        }).end().bytes();
        assertThat(only(payload).mode()).isEqualTo(0755);
    }

    @Test
    void base256NumbersAreRead() throws IOException {
        byte[] payload = new RawTar().header('0', "f", 0, b -> {
            UstarHeader.putBase256(b, UstarHeader.UID, 8, 3_000_000);
            Arrays.fill(b, UstarHeader.MTIME, UstarHeader.MTIME + 12, (byte) 0xFF);
            b[UstarHeader.MTIME + 11] = (byte) 0xFE; // -2
        }).end().bytes();
        Entry e = only(payload);
        assertThat(e.uid()).isEqualTo(3_000_000);
        assertThat(e.mtimeNanos()).isEqualTo(-2_000_000_000L);

        assertCorrupt(new RawTar().header('0', "f", 0, b -> Arrays.fill(b, UstarHeader.SIZE, UstarHeader.SIZE + 12,
                (byte) 0xFF)).end().bytes(), "negative size in entry 'f'");
        assertCorrupt(new RawTar().header('0', "f", 0, b -> {
            Arrays.fill(b, UstarHeader.SIZE, UstarHeader.SIZE + 12, (byte) 0x7F);
            b[UstarHeader.SIZE] = (byte) 0x80;
        }).end().bytes(), "invalid size field in entry 'f'");
    }

    @Test
    void paxSizeOverridesTheUstarSize() throws IOException {
        byte[] payload = new RawTar().pax("size", "5").header('0', "f", 0).data("hello").end().bytes();
        List<Item> items = Payloads.read(payload);
        assertThat(items.getFirst().entry().size()).isEqualTo(5);
        assertThat(items.getFirst().content()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        assertCorrupt(new RawTar().pax("size", "-5").header('0', "f", 0).end().bytes(), "invalid size '-5' in entry 'f'");
        assertCorrupt(new RawTar().pax("size", "99999999999999999999").header('0', "f", 0).end().bytes(), "invalid size");
    }

    @Test
    void namesAreNormalised() throws IOException {
        assertThat(only(new RawTar().header('5', "./", 0).end().bytes()).path()).isEqualTo(".");
        assertThat(only(new RawTar().header('5', ".", 0).end().bytes()).path()).isEqualTo(".");
        assertThat(only(new RawTar().header('5', "./usr/lib/", 0).end().bytes()).path()).isEqualTo("usr/lib");
        assertThat(only(new RawTar().header('0', "././a", 0).end().bytes()).path()).isEqualTo("a");
        assertThat(only(new RawTar().header('\0', "olddir/", 0).end().bytes()).type()).isEqualTo(EntryType.DIRECTORY);
        Entry link = only(new RawTar().header('1', "./b", 0, b -> UstarHeader.putBytes(b, UstarHeader.LINKNAME, 100,
                "./a".getBytes(StandardCharsets.US_ASCII))).end().bytes());
        assertThat(link.linkTarget()).isEqualTo("a");
        Entry sym = only(new RawTar().header('2', "s", 0, b -> UstarHeader.putBytes(b, UstarHeader.LINKNAME, 100,
                "./a/".getBytes(StandardCharsets.US_ASCII))).end().bytes());
        assertThat(sym.linkTarget()).as("symlink targets are kept as they are").isEqualTo("./a/");
        // unsafe names pass: judging them is the deployer's job
        assertThat(only(new RawTar().pax("path", "/etc/../x").header('0', "x", 0).end().bytes()).path())
                .isEqualTo("/etc/../x");
    }

    @Test
    void namesWithNulOrBadUtf8OrNothingAreRefused() {
        assertCorrupt(new RawTar().pax("path", "a\0b").header('0', "x", 0).end().bytes(), "path contains NUL");
        assertCorrupt(new RawTar().pax("linkpath", "a\0b").header('2', "x", 0).end().bytes(), "contains NUL", "'x'");
        byte[] bad = new RawTar().header('0', "ab", 0, b -> b[0] = (byte) 0xC3).end().bytes();
        assertCorrupt(bad, "not valid UTF-8");
        assertCorrupt(new RawTar().header('0', "", 0).end().bytes(), "empty path");
        assertCorrupt(new RawTar().header('2', "s", 0).end().bytes(), "empty link target in entry 's'");
        assertCorrupt(new RawTar().pax("uname", "a\0").header('0', "x", 0).end().bytes(), "uname contains NUL");
    }

    @Test
    void gnuLongNamesAreRead() throws IOException {
        String name = "d/".repeat(100) + "file";
        String target = "t/".repeat(100) + "target";
        byte[] payload = new RawTar()
                .header('L', "././@LongLink", name.length() + 1).data(name + "\0")
                .header('K', "././@LongLink", target.length() + 1).data(target + "\0")
                .header('2', name.substring(0, 100), 0).end().bytes();
        Entry e = only(payload);
        assertThat(e.path()).isEqualTo(name);
        assertThat(e.linkTarget()).isEqualTo(target);
    }

    @Test
    void globalHeadersAreCheckedAndIgnored() throws IOException {
        byte[] records = "20 comment=whatever\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(only(new RawTar().paxData('g', records).header('0', "f", 0).end().bytes()).path()).isEqualTo("f");
        assertCorrupt(new RawTar().paxData('g', "99 x=y\n".getBytes(StandardCharsets.US_ASCII))
                .header('0', "f", 0).end().bytes(), "malformed pax record");
    }

    @Test
    void unknownKeywordsAreIgnored() throws IOException {
        Entry e = only(new RawTar().pax("atime", "1.5", "ctime", "2.5", "SCHILY.dev", "2049", "SCHILY.ino", "7",
                "SCHILY.nlink", "1", "RHT.security.selinux", "x", "hdrcharset", "ISO-IR 10646 2000 UTF-8",
                "mtime", "1.25").header('0', "f", 0).end().bytes());
        assertThat(e.mtimeNanos()).isEqualTo(1_250_000_000L);
        assertThat(e.xattrs()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"1.5,1500000000", "-1.5,-1500000000", "1,1000000000", "-0.000000001,-1", "0.1234567899,123456789",
            "-9223372036.854775808,-9223372036854775808", "9223372036.854775807,9223372036854775807"})
    void paxTimesAreParsed(String value, long nanos) throws IOException {
        assertThat(only(new RawTar().pax("mtime", value).header('0', "f", 0).end().bytes()).mtimeNanos())
                .isEqualTo(nanos);
    }

    @ParameterizedTest
    @CsvSource({"abc", "1e5", "1.", ".5", "--1", "+1", "1.5x", "9223372036.854775808", "99999999999999999999"})
    void badPaxTimesAreRefused(String value) {
        assertCorrupt(new RawTar().pax("mtime", value).header('0', "f", 0).end().bytes(), "mtime", "'f'");
    }

    @Test
    void idsOutsideUnsigned32BitsAreRefused() throws IOException {
        assertThat(only(new RawTar().pax("uid", "4294967295").header('0', "f", 0).end().bytes()).uid()).isEqualTo(-1);
        assertCorrupt(new RawTar().pax("uid", "4294967296").header('0', "f", 0).end().bytes(), "uid", "'f'");
    }

    @Test
    void oversizedHeadersAreRefusedBeforeBuffering() {
        long huge = 1L << 40;
        assertCorrupt(new RawTar().header('x', "PaxHeaders/f", 0, b -> UstarHeader.putBase256(b, UstarHeader.SIZE, 12, huge))
                .end().bytes(), "extended header of " + huge);
        assertCorrupt(new RawTar().header('L', "././@LongLink", PaxReader.MAX_HEADER + 1L).end().bytes(),
                "extended header of");
    }

    @Test
    void malformedRecordsAreRefused() {
        for (String bad : new String[] {"5 a=b\n", "6 a=b\n\n", "x a=b\n", "10 =value\n", "7 ab\n\n", "6 a=bc",
                "99999999999999 a=b\n", "0 \n"}) {
            assertCorrupt(new RawTar().paxData('x', bad.getBytes(StandardCharsets.US_ASCII))
                    .header('0', "f", 0).end().bytes(), "malformed pax record in entry");
        }
    }

    @Test
    void xattrValuesAreBoundedLikeLinux() throws IOException {
        byte[] ok = new byte[XattrRecords.MAX_VALUE];
        byte[] tooBig = new byte[XattrRecords.MAX_VALUE + 1];
        assertThat(only(xattrPayload("SCHILY.xattr.user.a", ok)).xattrs()).hasSize(1);
        assertCorrupt(xattrPayload("SCHILY.xattr.user.a", tooBig), "more than 65536", "'f'");
        assertCorrupt(xattrPayload("LIBARCHIVE.xattr.user.a", Base64.getEncoder().encode(tooBig)), "more than 65536");
        assertCorrupt(xattrPayload("SCHILY.xattr.", new byte[1]), "bad xattr name");
        assertCorrupt(xattrPayload("SCHILY.xattr.user." + "n".repeat(251), new byte[1]), "bad xattr name");
    }

    private static byte[] xattrPayload(String key, byte[] value) {
        PaxHeaderBuilder b = new PaxHeaderBuilder();
        b.add(key, value);
        return new RawTar().paxData('x', b.toByteArray()).header('0', "f", 0).end().bytes();
    }

    @Test
    void libarchiveXattrsAreDecodedAndNotDuplicated() throws IOException {
        byte[] cap = PaxRoundTripTest.CAPABILITY;
        PaxHeaderBuilder b = new PaxHeaderBuilder();
        b.add("LIBARCHIVE.xattr.security.capability", "AQAAAgAgAAAAAAAAAAAAAAAAAAA");
        b.add("SCHILY.xattr.security.capability", cap);
        b.add("LIBARCHIVE.xattr.user.%C3%A9%3D%20x", Base64.getEncoder().encode(new byte[] {0, 1}));
        Entry e = only(new RawTar().paxData('x', b.toByteArray()).header('0', "f", 0).end().bytes());
        assertThat(e.xattrs()).containsExactly(new Xattr("security.capability", cap),
                new Xattr("user.é= x", new byte[] {0, 1}));
        assertCorrupt(xattrPayload("LIBARCHIVE.xattr.user.a", "!!".getBytes(StandardCharsets.US_ASCII)), "bad base64");
        assertCorrupt(xattrPayload("LIBARCHIVE.xattr.user.%4", "AA".getBytes(StandardCharsets.US_ASCII)), "%-escape");
    }

    @Test
    void aclTextBecomesAclXattrsButRawXattrsWin() throws IOException {
        String access = "user::rw-,user:1000:r--:1000,group::r--,mask::r--,other::r--";
        Entry e = only(new RawTar().pax("SCHILY.acl.access", access,
                "SCHILY.acl.default", "user::rwx,group::r-x,other::r-x").header('5', "d/", 0).end().bytes());
        assertThat(e.xattrs()).containsExactly(new Xattr(Xattr.ACL_ACCESS, PosixAcl.fromText(access)),
                new Xattr(Xattr.ACL_DEFAULT, PosixAcl.fromText("user::rwx,group::r-x,other::r-x")));

        // GNU tar writes the mode-equivalent access ACL of a directory that only has a default ACL
        Entry minimal = only(new RawTar().pax("SCHILY.acl.access", "user::rwx\ngroup::r-x\nother::r-x\n")
                .header('5', "d/", 0).end().bytes());
        assertThat(minimal.xattrs()).isEmpty();

        PaxHeaderBuilder b = new PaxHeaderBuilder();
        byte[] raw = PosixAcl.fromText("user::rw-,user:7:r--:7,group::r--,mask::r--,other::r--");
        b.add("SCHILY.acl.access", "user::rw-\nuser:someone:r--\ngroup::r--\nmask::r--\nother::r--\n");
        b.add("SCHILY.xattr." + Xattr.ACL_ACCESS, raw);
        Entry both = only(new RawTar().paxData('x', b.toByteArray()).header('0', "f", 0).end().bytes());
        assertThat(both.xattrs()).containsExactly(new Xattr(Xattr.ACL_ACCESS, raw));

        assertCorrupt(new RawTar().pax("SCHILY.acl.access", "user::bogus").header('0', "f", 0).end().bytes(),
                "bad ACL text", "'f'");
    }

    @Test
    void typesAndDevicesAreRead() throws IOException {
        Entry dev = only(new RawTar().header('3', "null", 0, b -> {
            UstarHeader.putOctal(b, UstarHeader.DEVMAJOR, 8, 1);
            UstarHeader.putOctal(b, UstarHeader.DEVMINOR, 8, 3);
        }).end().bytes());
        assertThat(dev.type()).isEqualTo(EntryType.CHAR_DEVICE);
        assertThat(dev.devMajor()).isEqualTo(1);
        assertThat(dev.devMinor()).isEqualTo(3);
        assertThat(only(new RawTar().header('7', "c", 0).end().bytes()).type()).isEqualTo(EntryType.FILE);
        for (char unsupported : new char[] {'S', 'V', 'M', 'D', 'Z'}) {
            assertCorrupt(new RawTar().header(unsupported, "odd", 0).end().bytes(),
                    "unsupported entry type '" + unsupported + "' in entry 'odd'");
        }
    }

    @Test
    void dataOfNonFilesIsSkipped() throws IOException {
        byte[] payload = new RawTar().header('1', "hl", 5, b -> UstarHeader.putBytes(b, UstarHeader.LINKNAME, 100,
                "f".getBytes(StandardCharsets.US_ASCII))).data("hello").header('0', "g", 2).data("hi").end().bytes();
        List<Item> items = Payloads.read(payload);
        assertThat(items.get(0).entry().size()).isZero();
        assertThat(items.get(0).content()).isEmpty();
        assertThat(items.get(1).content()).asString(StandardCharsets.UTF_8).isEqualTo("hi");
    }

    @Test
    void extendedHeadersNeedAnEntry() {
        assertCorrupt(new RawTar().pax("mtime", "1").end().bytes(), "extended header without an entry");
    }

    private static byte[] sparse10(String map, String realSize, byte[] segments) {
        byte[] mapBytes = map.getBytes(StandardCharsets.US_ASCII);
        int padded = (mapBytes.length + 511) / 512 * 512;
        byte[] data = Arrays.copyOf(mapBytes, padded + segments.length);
        System.arraycopy(segments, 0, data, padded, segments.length);
        return new RawTar().pax("GNU.sparse.major", "1", "GNU.sparse.minor", "0", "GNU.sparse.name", "img",
                "GNU.sparse.realsize", realSize).header('0', "GNUSparseFile.0/img", data.length).data(data).end().bytes();
    }

    @Test
    void gnuSparse10MapsAreRead() throws IOException {
        List<Item> items = Payloads.read(sparse10("2\n0\n3\n100\n2\n", "200", "abcde".getBytes(StandardCharsets.US_ASCII)));
        Entry e = items.getFirst().entry();
        assertThat(e.path()).isEqualTo("img");
        assertThat(e.size()).isEqualTo(200);
        assertThat(e.sparse()).isEqualTo(new SparseMap(List.of(new Segment(0, 3), new Segment(100, 2)), 200));
        assertThat(items.getFirst().content()).asString(StandardCharsets.US_ASCII).isEqualTo("abcde");
        // a map longer than one block
        StringBuilder map = new StringBuilder("200\n");
        for (int i = 0; i < 200; i++) {
            map.append(i * 10).append('\n').append(1).append('\n');
        }
        assertThat(only(sparse10(map.toString(), "2000", new byte[200])).sparse().segments()).hasSize(200);
    }

    @Test
    void badSparseMapsAreRefused() {
        byte[] five = new byte[5];
        assertCorrupt(sparse10("2\n100\n3\n0\n2\n", "200", five), "unordered", "'img'");
        assertCorrupt(sparse10("2\n0\n3\n2\n2\n", "200", five), "unordered");
        assertCorrupt(sparse10("1\n199\n5\n", "200", five), "passes the file size");
        assertCorrupt(sparse10("1\n0\n4\n", "200", five), "covers 4 bytes but 5 are stored");
        assertCorrupt(sparse10("1\n0\nx\n", "200", five), "malformed sparse map in entry 'img'");
        assertCorrupt(sparse10("1\n0\n99999999999999999999\n", "200", five), "malformed sparse map");
        assertCorrupt(sparse10("99999999\n", "200", five), "more than " + SparseMapCodec.MAX_SEGMENTS);
        assertCorrupt(sparse10("1000\n" + "1\n".repeat(253) + "1", "200", new byte[0]), "runs past the data");
        assertCorrupt(sparse10("1\n0\n5\n", "-1", five), "GNU.sparse.realsize");
        assertCorrupt(new RawTar().pax("GNU.sparse.major", "2", "GNU.sparse.minor", "0")
                .header('0', "f", 0).end().bytes(), "unsupported GNU sparse format 2.0");
        assertCorrupt(new RawTar().pax("GNU.sparse.major", "1", "GNU.sparse.minor", "0")
                .header('0', "f", 0).end().bytes(), "lacks GNU.sparse.realsize");
        assertCorrupt(new RawTar().pax("GNU.sparse.major", "1", "GNU.sparse.minor", "0", "GNU.sparse.realsize", "1")
                .header('5', "d", 0).end().bytes(), "non-file");
    }

    @Test
    void gnuSparse01MapsAreRead() throws IOException {
        byte[] payload = new RawTar().pax("GNU.sparse.size", "100", "GNU.sparse.numblocks", "2",
                "GNU.sparse.map", "0,2,50,3", "GNU.sparse.name", "s").header('0', "GNUSparseFile.0/s", 5)
                .data("abcde").end().bytes();
        Entry e = only(payload);
        assertThat(e.sparse()).isEqualTo(new SparseMap(List.of(new Segment(0, 2), new Segment(50, 3)), 100));
        assertCorrupt(new RawTar().pax("GNU.sparse.size", "100", "GNU.sparse.map", "0,2,50")
                .header('0', "s", 5).data("abcde").end().bytes(), "malformed sparse map");
    }
}
