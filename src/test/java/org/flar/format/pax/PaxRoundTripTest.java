package org.flar.format.pax;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.SparseMap;
import org.flar.entry.SparseMap.Segment;
import org.flar.entry.Xattr;
import org.flar.format.pax.Payloads.Item;
import org.flar.format.pax.PosixAcl;
import org.junit.jupiter.api.Test;

class PaxRoundTripTest {
    static final byte[] CAPABILITY = hex("0100000200200000000000000000000000000000");
    static final String ACL_TEXT = "user::rw-,user:1000:r--:1000,group::r--,group:2000:rwx:2000,mask::rwx,other::r--";

    @Test
    void everyEntryTypeAndFieldSurvives() throws IOException {
        List<Item> items = List.of(
                Item.of(Entry.builder(".", EntryType.DIRECTORY).mode(0755).names("root", "root")
                        .mtimeNanos(1_700_000_000_123_456_789L).build()),
                Item.of(Entry.builder("dev", EntryType.DIRECTORY).mode(01777).mtimeNanos(5).build()),
                Item.of(Entry.builder("dev/null", EntryType.CHAR_DEVICE).mode(0666).device(1, 3).build()),
                Item.of(Entry.builder("dev/sda", EntryType.BLOCK_DEVICE).mode(0660).device(8, 0).names("root", "disk")
                        .owner(0, 6).build()),
                Item.of(Entry.builder("dev/big", EntryType.BLOCK_DEVICE).mode(0600).device(4095, 1048575).build()),
                Item.of(Entry.builder("dev/huge", EntryType.CHAR_DEVICE).device(Integer.MAX_VALUE, 07777777 + 1).build()),
                Item.of(Entry.builder("dev/fifo", EntryType.FIFO).mode(0620).owner(7, 8).build()),
                file("etc/passwd", "root:x:0:0::/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8)),
                Item.of(Entry.builder("etc/empty", EntryType.FILE).mode(04755).build()),
                Item.of(Entry.builder("etc/passwd-link", EntryType.HARDLINK).linkTarget("etc/passwd").mode(0644).build()),
                Item.of(Entry.builder("etc/sym", EntryType.SYMLINK).linkTarget("../usr/share/zoneinfo/Europe/Berlin")
                        .mode(0777).build()),
                Item.of(Entry.builder("etc/sym-long", EntryType.SYMLINK).linkTarget("t/".repeat(120) + "end")
                        .mode(0777).build()));
        assertRoundTrip(items);
    }

    @Test
    void timesBeforeTheEpochAndAtTheLimitsSurvive() throws IOException {
        long[] times = {0, 1, -1, -1_500_000_000L, -500_000_000L, -2_000_000_000L, 999_999_999L,
                Long.MAX_VALUE, Long.MIN_VALUE, 8_589_934_591_000_000_000L, 8_589_934_592_000_000_000L};
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            items.add(Item.of(Entry.builder("t" + i, EntryType.FILE).mtimeNanos(times[i]).build()));
        }
        assertRoundTrip(items);
    }

    @Test
    void largeIdsAndOwnerNamesSurvive() throws IOException {
        assertRoundTrip(List.of(
                Item.of(Entry.builder("a", EntryType.FILE).owner(2097151, 2097152).build()),
                Item.of(Entry.builder("b", EntryType.FILE).owner(0xFFFFFFFE, 0x7FFFFFFF).names("nobody", "nogroup").build()),
                Item.of(Entry.builder("c", EntryType.FILE).names("u".repeat(31), "g".repeat(32)).build()),
                Item.of(Entry.builder("d", EntryType.FILE).names("jürgen", "grüppe").build()),
                Item.of(Entry.builder("e", EntryType.FILE).names("a".repeat(300), null).build())));
    }

    @Test
    void longUtf8NamesWithBlanksAndNewlinesSurvive() throws IOException {
        String component = "ä b\tc\nd ";
        String dir = (component + "/").repeat(20) + "x".repeat(30);
        String file = dir + "/" + "ü".repeat(50) + " end\n";
        assertThat(file.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(300);
        String ascii155 = "p".repeat(150) + "/" + "n".repeat(99);
        assertRoundTrip(List.of(
                Item.of(Entry.builder(dir, EntryType.DIRECTORY).mode(0700).build()),
                file(file, "data".getBytes(StandardCharsets.UTF_8)),
                Item.of(Entry.builder(dir + "/hl", EntryType.HARDLINK).linkTarget(file).build()),
                Item.of(Entry.builder("x".repeat(100), EntryType.FILE).build()),
                Item.of(Entry.builder("y".repeat(99), EntryType.DIRECTORY).build()),
                Item.of(Entry.builder("y".repeat(100), EntryType.DIRECTORY).build()),
                Item.of(Entry.builder(ascii155, EntryType.FILE).build()),
                Item.of(Entry.builder("z".repeat(5000), EntryType.FILE).build())));
    }

    @Test
    void binaryXattrsAndAclsSurvive() throws IOException {
        byte[] binary = {0, (byte) 0xFF, '\n', '=', 0, 'x', (byte) 0x80};
        byte[] max = new byte[XattrRecords.MAX_VALUE];
        Arrays.fill(max, (byte) 0xA5);
        Entry f = Entry.builder("f", EntryType.FILE).mode(0750).size(3).xattrs(List.of(
                new Xattr("security.capability", CAPABILITY),
                new Xattr("user.binary", binary),
                new Xattr("user.empty", new byte[0]),
                new Xattr("user.max", max),
                new Xattr("user.with=equals", "v=1".getBytes(StandardCharsets.UTF_8)),
                new Xattr("user.ünï cødé\n", "x".getBytes(StandardCharsets.UTF_8)),
                new Xattr("trusted.t", new byte[] {1}),
                new Xattr(Xattr.ACL_ACCESS, PosixAcl.fromText(ACL_TEXT)))).build();
        Entry d = Entry.builder("d", EntryType.DIRECTORY).mode(0755).xattrs(List.of(
                new Xattr(Xattr.ACL_ACCESS, PosixAcl.fromText(ACL_TEXT)),
                new Xattr(Xattr.ACL_DEFAULT, PosixAcl.fromText("user::rwx,user:12345:r-x:12345,group::r-x,mask::r-x,other::---")),
                new Xattr("security.selinux", "system_u:object_r:etc_t:s0\0".getBytes(StandardCharsets.UTF_8)))).build();
        Entry l = Entry.builder("l", EntryType.SYMLINK).linkTarget("f").xattrs(List.of(
                new Xattr("trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8)))).build();
        assertRoundTrip(List.of(new Item(f, "abc".getBytes(StandardCharsets.UTF_8)), Item.of(d), Item.of(l)));
    }

    @Test
    void sparseMapsSurvive() throws IOException {
        assertRoundTrip(List.of(
                sparse("trailing-hole", 1 << 20, new Segment(0, 3), new Segment(8192, 5000)),
                sparse("leading-hole", 100_000, new Segment(65536, 34464)),
                sparse("all-hole", 1 << 30),
                sparse("zero-length", 0),
                sparse("dense", 10, new Segment(0, 10)),
                sparse("empty-middle-segment", 50, new Segment(0, 1), new Segment(10, 0), new Segment(20, 30)),
                sparse("many", 4096 * 200, segments(200))));
    }

    @Test
    void zeroByteAndBlockSizedFilesSurvive() throws IOException {
        assertRoundTrip(List.of(file("zero", new byte[0]), file("one", new byte[] {7}), file("block", fill(512)),
                file("block+1", fill(513)), file("megabyte", fill(1 << 20))));
    }

    static Item file(String path, byte[] content) {
        return new Item(Entry.builder(path, EntryType.FILE).mode(0644).size(content.length).owner(1000, 1000)
                .names("user", "users").mtimeNanos(1_234_567_890_987_654_321L).build(), content);
    }

    static Item sparse(String path, long size, Segment... segments) {
        SparseMap map = new SparseMap(List.of(segments), size);
        byte[] content = fill((int) map.storedSize());
        return new Item(Entry.builder(path, EntryType.FILE).mode(0600).size(size).sparse(map).build(), content);
    }

    static Segment[] segments(int n) {
        Segment[] s = new Segment[n];
        for (int i = 0; i < n; i++) {
            s[i] = new Segment(4096L * i + 100, 7 + i);
        }
        return s;
    }

    static byte[] fill(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >> 9));
        }
        return b;
    }

    static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }

    static void assertRoundTrip(List<Item> items) throws IOException {
        List<Item> back = Payloads.read(Payloads.write(items));
        assertThat(back).hasSameSizeAs(items);
        for (int i = 0; i < items.size(); i++) {
            assertThat(back.get(i).entry()).isEqualTo(items.get(i).entry());
            assertThat(back.get(i).content()).as(items.get(i).entry().path()).isEqualTo(items.get(i).content());
        }
    }
}
