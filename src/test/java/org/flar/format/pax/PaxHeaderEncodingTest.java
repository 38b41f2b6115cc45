package org.flar.format.pax;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.SparseMap;
import org.flar.entry.SparseMap.Segment;
import org.flar.entry.Xattr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bytes PaxWriter puts in front of an entry, field by field. */
class PaxHeaderEncodingTest {
    private static final int B = UstarHeader.BLOCK;

    /** The pax 'x' block, its records and the ustar block of one encoded entry. */
    record Parsed(byte[] paxBlock, Map<String, byte[]> records, byte[] ustar, byte[] rest) {
        String record(String key) {
            byte[] v = records.get(key);
            return v == null ? null : new String(v, StandardCharsets.UTF_8);
        }

        String field(int off, int len) {
            return new String(ustar, off, len, StandardCharsets.ISO_8859_1);
        }
    }

    static Parsed encode(Entry e) throws IOException {
        byte[] bytes = HeaderEncoder.encode(e).bytes();
        byte[] paxBlock = Arrays.copyOf(bytes, B);
        assertThat(paxBlock[UstarHeader.TYPEFLAG]).isEqualTo((byte) 'x');
        int size = (int) UstarHeader.parse(paxBlock, "x").size();
        PaxRecords records = PaxRecords.parse(Arrays.copyOfRange(bytes, B, B + size), e.path());
        int ustarAt = B + HeaderEncoder.padded(size);
        byte[] ustar = Arrays.copyOfRange(bytes, ustarAt, ustarAt + B);
        UstarHeader.parse(ustar, e.path()); // checksum and magic
        return new Parsed(paxBlock, records.all(), ustar, Arrays.copyOfRange(bytes, ustarAt + B, bytes.length));
    }

    @Test
    void everyEntryHasAnMtimeRecordAndAValidUstarBlock() throws IOException {
        Parsed p = encode(Entry.builder("etc/hosts", EntryType.FILE).mode(0644).size(10).owner(0, 0)
                .names("root", "root").mtimeNanos(1_795_444_918_504_135_417L).build());
        assertThat(p.records()).containsOnlyKeys("mtime");
        assertThat(p.record("mtime")).isEqualTo("1795444918.504135417");
        assertThat(p.field(UstarHeader.NAME, 10)).isEqualTo("etc/hosts\0");
        assertThat(p.field(UstarHeader.MODE, 8)).isEqualTo("0000644\0");
        assertThat(p.field(UstarHeader.SIZE, 12)).isEqualTo("00000000012\0");
        assertThat(p.field(UstarHeader.MTIME, 12)).isEqualTo(String.format("%011o\0", 1_795_444_918L));
        assertThat(p.field(UstarHeader.MAGIC, 8)).isEqualTo("ustar\u000000");
        assertThat(p.field(UstarHeader.UNAME, 5)).isEqualTo("root\0");
        assertThat(p.field(UstarHeader.GNAME, 5)).isEqualTo("root\0");
        assertThat((char) p.ustar()[UstarHeader.TYPEFLAG]).isEqualTo('0');
        String checksum = p.field(UstarHeader.CHKSUM, 8);
        assertThat(checksum).matches("[0-7]{6}\0 ");
        assertThat(Long.parseLong(checksum.substring(0, 6), 8)).isEqualTo(UstarHeader.checksum(p.ustar(), false));
        // GNU tar's name for the 'x' block
        assertThat(new String(p.paxBlock(), 0, 16, StandardCharsets.US_ASCII)).isEqualTo("etc/PaxHeaders/h");
    }

    @Test
    void directoriesEndInSlashAndTheRootIsDotSlash() throws IOException {
        assertThat(encode(Entry.builder(".", EntryType.DIRECTORY).build()).field(0, 3)).isEqualTo("./\0");
        Parsed d = encode(Entry.builder("usr/lib", EntryType.DIRECTORY).mode(0755).build());
        assertThat(d.field(0, 9)).isEqualTo("usr/lib/\0");
        assertThat((char) d.ustar()[UstarHeader.TYPEFLAG]).isEqualTo('5');
    }

    @Test
    void typeflagsAndDeviceNumbers() throws IOException {
        assertThat(typeflag(Entry.builder("h", EntryType.HARDLINK).linkTarget("f").build())).isEqualTo('1');
        assertThat(typeflag(Entry.builder("s", EntryType.SYMLINK).linkTarget("f").build())).isEqualTo('2');
        assertThat(typeflag(Entry.builder("p", EntryType.FIFO).build())).isEqualTo('6');
        Parsed c = encode(Entry.builder("c", EntryType.CHAR_DEVICE).device(4095, 1048575).build());
        assertThat((char) c.ustar()[UstarHeader.TYPEFLAG]).isEqualTo('3');
        assertThat(c.field(UstarHeader.DEVMAJOR, 8)).isEqualTo("0007777\0");
        assertThat(c.field(UstarHeader.DEVMINOR, 8)).isEqualTo("3777777\0");
        Parsed b = encode(Entry.builder("b", EntryType.BLOCK_DEVICE).device(8, 1).build());
        assertThat((char) b.ustar()[UstarHeader.TYPEFLAG]).isEqualTo('4');
        assertThat(b.field(UstarHeader.DEVMAJOR, 16)).isEqualTo("0000010\u00000000001\0");
        Parsed h = encode(Entry.builder("h", EntryType.HARDLINK).linkTarget("dir/f").build());
        assertThat(h.field(UstarHeader.LINKNAME, 6)).isEqualTo("dir/f\0");
        assertThat(h.records()).doesNotContainKey("linkpath");
    }

    private static char typeflag(Entry e) throws IOException {
        return (char) encode(e).ustar()[UstarHeader.TYPEFLAG];
    }

    @Test
    void timesBeforeTheEpochUseThePosixSign() throws IOException {
        assertThat(mtimeRecord(-1_500_000_000L)).isEqualTo("-1.500000000");
        assertThat(mtimeRecord(-1L)).isEqualTo("-0.000000001");
        assertThat(mtimeRecord(-2_000_000_000L)).isEqualTo("-2.000000000");
        assertThat(mtimeRecord(Long.MIN_VALUE)).isEqualTo("-9223372036.854775808");
        assertThat(mtimeRecord(0)).isEqualTo("0.000000000");
        assertThat(mtimeRecord(Long.MAX_VALUE)).isEqualTo("9223372036.854775807");
        Parsed p = encode(Entry.builder("old", EntryType.FILE).mtimeNanos(-1_500_000_000L).build());
        assertThat(p.field(UstarHeader.MTIME, 12)).as("GNU tar leaves 0 in the field").isEqualTo("00000000000\0");
    }

    private static String mtimeRecord(long nanos) throws IOException {
        return encode(Entry.builder("f", EntryType.FILE).mtimeNanos(nanos).build()).record("mtime");
    }

    @Test
    void namesThatFitUstarStayOutOfThePaxHeader() throws IOException {
        String split = "p".repeat(155) + "/" + "n".repeat(100);
        Parsed p = encode(Entry.builder(split, EntryType.FILE).build());
        assertThat(p.records()).doesNotContainKey("path");
        assertThat(p.field(UstarHeader.PREFIX, 155)).isEqualTo("p".repeat(155));
        assertThat(p.field(UstarHeader.NAME, 100)).isEqualTo("n".repeat(100));
    }

    @Test
    void longOrNonAsciiNamesGoToPaxPath() throws IOException {
        String tooLong = "p".repeat(156) + "/" + "n".repeat(100);
        Parsed p = encode(Entry.builder(tooLong, EntryType.FILE).build());
        assertThat(p.record("path")).isEqualTo(tooLong);
        assertThat(p.field(UstarHeader.NAME, 100)).isEqualTo("p".repeat(100));

        Parsed u = encode(Entry.builder("été", EntryType.DIRECTORY).build());
        assertThat(u.record("path")).isEqualTo("été/");
        assertThat(Arrays.copyOf(u.ustar(), 7)).isEqualTo("été/\0".getBytes(StandardCharsets.UTF_8));

        // a 100-byte field never ends in the middle of a UTF-8 sequence
        Parsed cut = encode(Entry.builder("a" + "é".repeat(60), EntryType.FILE).build());
        assertThat(cut.field(UstarHeader.NAME, 100)).endsWith("\0");
        assertThat(Text.decode(UstarHeader.rawName(cut.ustar()), "name", "x")).isEqualTo("a" + "é".repeat(49));

        Parsed link = encode(Entry.builder("l", EntryType.SYMLINK).linkTarget("ü".repeat(3)).build());
        assertThat(link.record("linkpath")).isEqualTo("üüü");
    }

    @Test
    void largeIdsAndNonAsciiOwnerNamesGoToPax() throws IOException {
        Parsed p = encode(Entry.builder("f", EntryType.FILE).owner(2097152, 0xFFFFFFFE)
                .names("jürgen", "u".repeat(32)).build());
        assertThat(p.record("uid")).isEqualTo("2097152");
        assertThat(p.record("gid")).isEqualTo("4294967294");
        assertThat(p.field(UstarHeader.UID, 8)).isEqualTo("0000000\0");
        assertThat(p.record("uname")).isEqualTo("jürgen");
        assertThat(p.record("gname")).isEqualTo("u".repeat(32));
        Parsed fits = encode(Entry.builder("f", EntryType.FILE).owner(2097151, 7).build());
        assertThat(fits.records()).containsOnlyKeys("mtime");
        assertThat(fits.field(UstarHeader.UID, 8)).isEqualTo("7777777\0");
    }

    @Test
    void sizesOf8GibAndMoreGoToPaxSize() throws IOException {
        long nine = 9L << 30;
        Parsed p = encode(Entry.builder("big", EntryType.FILE).size(nine).build());
        assertThat(p.record("size")).isEqualTo("9663676416");
        assertThat(p.field(UstarHeader.SIZE, 12)).isEqualTo("00000000000\0");
        Parsed justFits = encode(Entry.builder("big", EntryType.FILE).size(UstarHeader.MAX_OCTAL_12).build());
        assertThat(justFits.records()).doesNotContainKey("size");
        assertThat(justFits.field(UstarHeader.SIZE, 12)).isEqualTo("77777777777\0");
        Parsed eight = encode(Entry.builder("big", EntryType.FILE).size(8L << 30).build());
        assertThat(eight.record("size")).isEqualTo("8589934592");
    }

    @Test
    void sparseFilesUseGnuSparse10() throws IOException {
        long size = 9L << 30;
        SparseMap map = new SparseMap(List.of(new Segment(0, 100), new Segment(8L << 30, 4096)), size);
        Parsed p = encode(Entry.builder("var/lib/disk.img", EntryType.FILE).size(size).sparse(map).build());
        assertThat(p.record("GNU.sparse.major")).isEqualTo("1");
        assertThat(p.record("GNU.sparse.minor")).isEqualTo("0");
        assertThat(p.record("GNU.sparse.name")).isEqualTo("var/lib/disk.img");
        assertThat(p.record("GNU.sparse.realsize")).isEqualTo("9663676416");
        assertThat(p.records()).doesNotContainKeys("path", "size");
        assertThat(p.field(0, 33)).isEqualTo("var/lib/GNUSparseFile.0/disk.img\0");
        assertThat(p.field(UstarHeader.SIZE, 12)).isEqualTo(String.format("%011o\0", 512 + 4196));
        // the trailing hole is GNU's last empty segment at the size
        String text = "3\n0\n100\n8589934592\n4096\n9663676416\n0\n";
        assertThat(p.rest()).hasSize(512);
        assertThat(new String(p.rest(), 0, text.length(), StandardCharsets.US_ASCII)).isEqualTo(text);
        assertThat(Arrays.copyOfRange(p.rest(), text.length(), 512)).containsOnly(0);

        Parsed top = encode(Entry.builder("img", EntryType.FILE).size(10).sparse(new SparseMap(List.of(), 10)).build());
        assertThat(top.field(0, 22)).isEqualTo("./GNUSparseFile.0/img\0");
        assertThat(new String(top.rest(), 0, 7, StandardCharsets.US_ASCII)).isEqualTo("1\n10\n0\n");
        Parsed full = encode(Entry.builder("f", EntryType.FILE).size(5).sparse(
                new SparseMap(List.of(new Segment(0, 5)), 5)).build());
        assertThat(new String(full.rest(), 0, 7, StandardCharsets.US_ASCII)).as("no hole at the end").isEqualTo("1\n0\n5\n\0");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 80, 84, 85, 86, 87, 88, 89, 90, 95, 96, 97, 98, 985, 986, 987,
            988, 989, 990, 994, 995, 996, 9984, 9985, 9986, 9987, 9988, 9994, 9995, 9996, 65536})
    void recordLengthsCountTheirOwnDigits(int valueLength) throws IOException {
        PaxHeaderBuilder b = new PaxHeaderBuilder();
        byte[] value = new byte[valueLength];
        Arrays.fill(value, (byte) '\n');
        b.add("k", value);
        byte[] data = b.toByteArray();
        int space = 0;
        while (data[space] != ' ') {
            space++;
        }
        assertThat(Integer.parseInt(new String(data, 0, space, StandardCharsets.US_ASCII))).isEqualTo(data.length);
        assertThat(data[data.length - 1]).isEqualTo((byte) '\n');
        assertThat(PaxRecords.parse(data, "x").get("k")).isEqualTo(value);
    }

    @Test
    void recordsMatchGnuTarByteForByte() {
        PaxHeaderBuilder b = new PaxHeaderBuilder();
        b.add("mtime", "1795444918.504135417");
        b.add("GNU.sparse.major", "1");
        b.add("SCHILY.xattr.user.foo", new byte[] {0, (byte) 0xFF, 'A'});
        assertThat(b.toByteArray()).isEqualTo(
                "30 mtime=1795444918.504135417\n22 GNU.sparse.major=1\n29 SCHILY.xattr.user.foo=\0\u00ffA\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void xattrsAreRawBytesAndAclsStarText() throws IOException {
        byte[] value = {0, (byte) 0xFF, (byte) 0xC3, '\n'};
        Parsed p = encode(Entry.builder("f", EntryType.FILE).xattrs(List.of(
                new Xattr("user.b", value),
                new Xattr("user.a=b", new byte[] {1, 2, 3}),
                new Xattr(Xattr.ACL_ACCESS, org.flar.format.pax.PosixAcl.fromText(PaxRoundTripTest.ACL_TEXT)))).build());
        assertThat(p.records().get("SCHILY.xattr.user.b")).isEqualTo(value);
        assertThat(p.record("LIBARCHIVE.xattr.user.a%3Db")).isEqualTo("AQID");
        assertThat(p.record("SCHILY.acl.access")).isEqualTo(PaxRoundTripTest.ACL_TEXT);
        assertThat(p.records()).doesNotContainKey("SCHILY.xattr." + Xattr.ACL_ACCESS);
    }
}
