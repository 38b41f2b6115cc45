package org.flar.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.Xattr;
import org.junit.jupiter.api.Test;

class ManifestLineTest {

    private static final String SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void formatsAFileLineAsTheDocShowsIt() {
        Entry e = Entry.builder("etc/a b,c\\d", EntryType.FILE).mode(04755).owner(0, 42).names("root", "adm")
                .mtimeNanos(1_700_000_000_123_456_789L).size(12).sha256(SHA).build();
        assertThat(ManifestLine.format(e)).isEqualTo("etc/a\\040b\\054c\\134d type=file mode=4755 uid=0 gid=42"
                + " uname=root gname=adm mtime=1700000000.123456789 size=12 sha256=" + SHA);
    }

    @Test
    void leavesOutEmptyAndZeroFieldsAndFormatsTheRoot() {
        Entry root = Entry.builder(".", EntryType.DIRECTORY).mode(0755).build();
        assertThat(ManifestLine.format(root)).isEqualTo(". type=dir mode=0755 uid=0 gid=0 mtime=0.000000000");
        Entry empty = Entry.builder("e", EntryType.FILE).mode(0644).names("", null).build();
        assertThat(ManifestLine.format(empty)).isEqualTo("e type=file mode=0644 uid=0 gid=0 mtime=0.000000000");
    }

    @Test
    void negativeTimesAreFloored() {
        Entry e = Entry.builder("old", EntryType.FIFO).mode(0600).mtimeNanos(-1).build();
        String line = ManifestLine.format(e);
        assertThat(line).contains(" mtime=-1.999999999");
        assertThat(ManifestLine.parse(line).entry().mtimeNanos()).isEqualTo(-1);
        assertThat(ManifestLine.format(e.toBuilder().mtimeNanos(-1_500_000_000L).build())).contains("mtime=-2.500000000");
    }

    @Test
    void escapesControlBytesAndKeepsUtf8() {
        Entry e = Entry.builder("d/\u00e9t\u00e9\t\n\u007f\u65e5", EntryType.SYMLINK).mode(0777)
                .linkTarget("../x y").build();
        String line = ManifestLine.format(e);
        assertThat(line).startsWith("d/\u00e9t\u00e9\\011\\012\\177\u65e5 type=link").endsWith(" link=../x\\040y");
        assertThat(ManifestLine.parse(line).entry()).isEqualTo(e);
    }

    @Test
    void devicesAndHardlinksAndIdsAbove2To31() {
        Entry dev = Entry.builder("dev/sda", EntryType.BLOCK_DEVICE).mode(0660).owner(-2, 6).device(8, 0).build();
        assertThat(ManifestLine.format(dev)).isEqualTo("dev/sda type=block mode=0660 uid=4294967294 gid=6"
                + " mtime=0.000000000 dev=8,0");
        assertThat(ManifestLine.parse(ManifestLine.format(dev)).entry()).isEqualTo(dev);
        Entry link = Entry.builder("b", EntryType.HARDLINK).mode(0644).linkTarget("a").build();
        assertThat(ManifestLine.format(link)).endsWith(" link=a");
    }

    @Test
    void xattrsAreListedByByteOrderWithTheirSum() throws Exception {
        Xattr cap = new Xattr("security.capability", new byte[] {1, 0, 0, 2, 0, (byte) 0xff});
        Xattr user = new Xattr("user.a,b", "v".getBytes(UTF_8));
        Entry e = Entry.builder("bin/ping", EntryType.FILE).mode(0755).size(1).sha256(SHA)
                .xattrs(List.of(user, cap)).build();
        String line = ManifestLine.format(e);
        String expectedSum = independentSum(List.of(cap, user));
        assertThat(line).endsWith(" xattrs=security.capability,user.a\\054b xattrsum=" + expectedSum);
        ManifestEntry m = ManifestLine.parse(line);
        assertThat(m.entry().xattrs()).isEmpty();
        assertThat(m.xattrNames()).containsExactly("security.capability", "user.a,b");
        assertThat(m.xattrSum()).isEqualTo(expectedSum);
        assertThat(m.describes(e)).isTrue();
        assertThat(m.describes(e.toBuilder().xattrs(List.of(cap)).build())).isFalse();
        Xattr changed = new Xattr("user.a,b", "w".getBytes(UTF_8));
        assertThat(m.differences(e.toBuilder().xattrs(List.of(cap, changed)).build()))
                .isEqualTo("xattr values differ (xattrsum)");
    }

    @Test
    void xattrSumFollowsTheDoc() throws Exception {
        // name bytes, NUL, 4-byte big-endian length, value
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("user.x".getBytes(UTF_8));
        b.write(new byte[] {0, 0, 0, 0, 3, 'a', 'b', 'c'});
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.toByteArray()));
        assertThat(ManifestLine.xattrSum(List.of(new Xattr("user.x", "abc".getBytes(UTF_8))))).isEqualTo(expected);
    }

    @Test
    void differencesNameEachField() {
        Entry m = Entry.builder("f", EntryType.FILE).mode(0644).owner(1, 2).mtimeNanos(5_000_000_000L).size(3)
                .sha256(SHA).names("alice", "staff").build();
        ManifestEntry line = ManifestLine.parse(ManifestLine.format(m));
        Entry actual = m.toBuilder().mode(0600).mtimeNanos(6_000_000_001L).names("bob", "other").sha256(null).build();
        assertThat(line.differences(actual)).isEqualTo("mode 0644 != 0600, mtime 5.000000000 != 6.000000001");
        assertThat(line.describes(m.toBuilder().names(null, null).build())).isTrue();
        assertThat(line.differences(m.toBuilder().sha256("0".repeat(64)).owner(7, 2).build()))
                .isEqualTo("uid 1 != 7, sha256 " + SHA + " != " + "0".repeat(64));
    }

    @Test
    void parseErrorsArePrecise() {
        String ok = "a type=file mode=0644 uid=0 gid=0 mtime=1.000000000";
        assertThat(ManifestLine.parse(ok).entry().path()).isEqualTo("a");
        assertThatThrownBy(() -> ManifestLine.parse("a type=file mode=644 uid=0 gid=0 mtime=1.000000000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("mode '644' is not four octal digits");
        assertThatThrownBy(() -> ManifestLine.parse("a type=file uid=0 mode=0644 gid=0 mtime=1.000000000"))
                .hasMessage("keyword 'mode' repeated or out of order");
        assertThatThrownBy(() -> ManifestLine.parse(ok + " size=1 size=2")).hasMessage("keyword 'size' repeated or out of order");
        assertThatThrownBy(() -> ManifestLine.parse(ok + " colour=red")).hasMessage("unknown keyword 'colour'");
        assertThatThrownBy(() -> ManifestLine.parse(ok + "  size=1")).hasMessage("empty token (two spaces or a trailing space)");
        assertThatThrownBy(() -> ManifestLine.parse("a type=file mode=0644 uid=0 gid=0"))
                .hasMessage("missing mtime=");
        assertThatThrownBy(() -> ManifestLine.parse("a type=file mode=0644 uid=0 gid=0 mtime=1.5"))
                .hasMessage("mtime '1.5' is not SECONDS.NNNNNNNNN");
        assertThatThrownBy(() -> ManifestLine.parse("a type=sock mode=0644 uid=0 gid=0 mtime=1.000000000"))
                .hasMessage("unknown entry type 'sock'");
        assertThatThrownBy(() -> ManifestLine.parse("../a type=file mode=0644 uid=0 gid=0 mtime=1.000000000"))
                .hasMessageContaining("'..'");
        assertThatThrownBy(() -> ManifestLine.parse("a\\057b type=file mode=0644 uid=0 gid=0 mtime=1.000000000"))
                .hasMessage("path: escape '\\057' of a byte that is written as it is");
        assertThatThrownBy(() -> ManifestLine.parse("a\\04x type=file mode=0644 uid=0 gid=0 mtime=1.000000000"))
                .hasMessage("path: bad escape '\\04x'");
        assertThatThrownBy(() -> ManifestLine.parse("a\tb type=file mode=0644 uid=0 gid=0 mtime=1.000000000"))
                .hasMessage("path: unescaped character 0x9");
        assertThatThrownBy(() -> ManifestLine.parse(ok + " size=1 link=x"))
                .hasMessage("link= on a file");
        assertThatThrownBy(() -> ManifestLine.parse("b type=hardlink mode=0644 uid=0 gid=0 mtime=1.000000000 link=c"))
                .hasMessage("hardlink 'b' names 'c', which is not an earlier entry");
        assertThatThrownBy(() -> ManifestLine.parse(ok + " xattrs=user.b,user.a xattrsum=" + SHA))
                .hasMessage("xattr names not sorted or repeated at 'user.a'");
        assertThatThrownBy(() -> ManifestLine.parse(ok + " xattrs=user.a"))
                .hasMessage("xattrs= without xattrsum=");
        assertThatThrownBy(() -> ManifestLine.parse(ok.replace("uid=0", "uid=4294967296")))
                .hasMessage("uid 4294967296 is too large");
        assertThatThrownBy(() -> ManifestLine.parse(ok + " sha256=ABC")).hasMessage("sha256 'ABC' is not 64 lowercase hex digits");
        assertThatThrownBy(() -> ManifestLine.parse("")).hasMessage("empty line");
        assertThatThrownBy(() -> ManifestLine.parse(ok + " size=0")).hasMessage("size=0 (a zero size is left out)");
        assertThatThrownBy(() -> ManifestLine.parse(ok.replace("uid=0", "uid=07"))).hasMessage("uid '07' has a leading zero");
        assertThatThrownBy(() -> ManifestLine.parse(ok.replace("mtime=1.", "mtime=-0.")))
                .hasMessageContaining("negative zero");
    }

    @Test
    void formatRefusesWhatTheManifestCannotSay() {
        assertThatThrownBy(() -> ManifestLine.format(Entry.builder("/abs", EntryType.FILE).build()))
                .hasMessage("absolute path '/abs'");
        assertThatThrownBy(() -> ManifestLine.format(Entry.builder("d", EntryType.DIRECTORY).size(4096).build()))
                .hasMessage("size and sha256 are for files, not dir");
        assertThatThrownBy(() -> ManifestLine.format(Entry.builder("s", EntryType.SYMLINK).build()))
                .hasMessage("link without link=");
        assertThatThrownBy(() -> ManifestLine.format(Entry.builder("x\uD800", EntryType.FILE).build()))
                .hasMessageContaining("not valid Unicode");
    }

    @Test
    void pathsCompareComponentWiseByUtf8Bytes() {
        List<String> sorted = List.of(".", "-", "a", "a/b", "a/b/c", "a-b", "a.b", "ab", "b", "z",
                "\u00e9", "\uE000", "\uD83D\uDE00");
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = 0; j < sorted.size(); j++) {
                assertThat(Integer.signum(ManifestLine.comparePaths(sorted.get(i), sorted.get(j))))
                        .as("%s vs %s", sorted.get(i), sorted.get(j)).isEqualTo(Integer.compare(i, j));
            }
        }
        List<String> shuffled = new ArrayList<>(sorted.reversed());
        shuffled.sort(ManifestLine::comparePaths);
        assertThat(shuffled).isEqualTo(sorted);
    }

    private static String independentSum(List<Xattr> inOrder) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Xattr x : inOrder) {
            md.update(x.name().getBytes(UTF_8));
            md.update((byte) 0);
            md.update(ByteBuffer.allocate(4).putInt(x.value().length).array());
            md.update(x.value());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
