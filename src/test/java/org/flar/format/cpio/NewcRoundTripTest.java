package org.flar.format.cpio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.SparseMap;
import org.flar.entry.Xattr;
import org.flar.format.CorruptArchiveException;
import org.junit.jupiter.api.Test;

class NewcRoundTripTest {

    static final long T = 1_700_000_000_000_000_000L;

    /** Every entry type, hardlinks with three names, an empty hardlinked file, a sparse file. */
    static Map<Entry, byte[]> sampleTree() {
        Map<Entry, byte[]> tree = new LinkedHashMap<>();
        tree.put(Entry.builder(".", EntryType.DIRECTORY).mode(0755).mtimeNanos(T).build(), null);
        tree.put(Entry.builder("bin", EntryType.DIRECTORY).mode(0755).mtimeNanos(T + 1_000_000_000L).build(), null);
        tree.put(file("bin/su", 04755, 0, 0, "#!/bin/sh\necho su\n"), "#!/bin/sh\necho su\n".getBytes(UTF_8));
        tree.put(Entry.builder("bin/su2", EntryType.HARDLINK).mode(04755).mtimeNanos(T).linkTarget("bin/su").build(), null);
        tree.put(Entry.builder("bin/su3", EntryType.HARDLINK).mode(04755).mtimeNanos(T).linkTarget("bin/su").build(), null);
        tree.put(Entry.builder("dev", EntryType.DIRECTORY).mode(0755).mtimeNanos(T).build(), null);
        tree.put(Entry.builder("dev/null", EntryType.CHAR_DEVICE).mode(0666).mtimeNanos(T).device(1, 3).build(), null);
        tree.put(Entry.builder("dev/sdz9", EntryType.BLOCK_DEVICE).mode(0660).owner(0, 6).mtimeNanos(T)
                .device(259, 70000).build(), null);
        tree.put(Entry.builder("empty", EntryType.FILE).mode(0600).owner(1234, 5678).mtimeNanos(T).build(), new byte[0]);
        tree.put(Entry.builder("empty2", EntryType.HARDLINK).mode(0600).owner(1234, 5678).mtimeNanos(T)
                .linkTarget("empty").build(), null);
        tree.put(Entry.builder("fifo", EntryType.FIFO).mode(0640).mtimeNanos(T).build(), null);
        tree.put(file("name with space,\u00e9\u65e5", 0644, 0, 0, "unicode\n"), "unicode\n".getBytes(UTF_8));
        tree.put(Entry.builder("sparse", EntryType.FILE).mode(0644).mtimeNanos(T).size(10_000)
                .sparse(new SparseMap(List.of(new SparseMap.Segment(0, 4), new SparseMap.Segment(8192, 3)), 10_000))
                .build(), "abcdxyz".getBytes(UTF_8));
        tree.put(Entry.builder("sticky", EntryType.DIRECTORY).mode(01777).mtimeNanos(T).build(), null);
        tree.put(Entry.builder("to-su", EntryType.SYMLINK).mode(0777).mtimeNanos(T).linkTarget("bin/su").build(), null);
        return tree;
    }

    static Entry file(String path, int mode, int uid, int gid, String content) {
        return Entry.builder(path, EntryType.FILE).mode(mode).owner(uid, gid).mtimeNanos(T + 123)
                .size(content.getBytes(UTF_8).length).build();
    }

    static byte[] write(Map<Entry, byte[]> tree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NewcWriter w = new NewcWriter(out)) {
            for (var e : tree.entrySet()) {
                w.write(e.getKey(), e.getValue() == null ? null : new ByteArrayInputStream(e.getValue()));
            }
        }
        return out.toByteArray();
    }

    static byte[] logical(Entry e, byte[] stored) {
        if (e.sparse() == null) {
            return stored;
        }
        byte[] whole = new byte[(int) e.size()];
        int from = 0;
        for (SparseMap.Segment s : e.sparse().segments()) {
            System.arraycopy(stored, from, whole, (int) s.offset(), (int) s.length());
            from += (int) s.length();
        }
        return whole;
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        Map<Entry, byte[]> tree = sampleTree();
        byte[] payload = write(tree);
        assertThat(payload.length % 4).isZero();
        List<Entry> read = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        try (NewcReader r = new NewcReader(new ByteArrayInputStream(payload))) {
            for (Entry e; (e = r.next()) != null; ) {
                read.add(e);
                contents.add(r.content().readAllBytes());
            }
        }
        List<Entry> expected = tree.keySet().stream().map(NewcWriter::asStored).toList();
        assertThat(read).containsExactlyElementsOf(expected);
        int i = 0;
        for (var e : tree.entrySet()) {
            byte[] want = e.getValue() == null ? new byte[0] : logical(e.getKey(), e.getValue());
            assertThat(contents.get(i++)).as(e.getKey().path()).isEqualTo(want);
        }
    }

    @Test
    void unreadContentIsSkipped() throws IOException {
        byte[] payload = write(sampleTree());
        List<String> paths = new ArrayList<>();
        try (NewcReader r = new NewcReader(new ByteArrayInputStream(payload))) {
            for (Entry e; (e = r.next()) != null; ) {
                paths.add(e.path());
                if (e.path().equals("sparse")) {
                    assertThat(r.content().readNBytes(3)).isEqualTo("abc".getBytes(UTF_8));
                }
            }
        }
        assertThat(paths).hasSize(sampleTree().size());
    }

    @Test
    void refusesWhatCpioCannotHold() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        NewcWriter w = new NewcWriter(sink);
        Entry huge = Entry.builder("big.img", EntryType.FILE).size(5L << 30).build();
        assertThatThrownBy(() -> w.write(huge, InputStream.nullInputStream())).isInstanceOf(IOException.class)
                .hasMessage("cpio: entry 'big.img': 5368709120 bytes; cpio cannot store files of 4 GiB or more; use pax");
        Entry old = Entry.builder("old", EntryType.FILE).mtimeNanos(-1).build();
        assertThatThrownBy(() -> w.write(old, null)).hasMessageContaining("entry 'old': mtime -1 is outside 1970..2106");
        Entry future = Entry.builder("future", EntryType.DIRECTORY).mtimeNanos(5_000_000_000L * 1_000_000_000L).build();
        assertThatThrownBy(() -> w.write(future, null)).hasMessageContaining("entry 'future'");
        Entry link = Entry.builder("l", EntryType.HARDLINK).linkTarget("nowhere").build();
        assertThatThrownBy(() -> w.write(link, null)).hasMessageContaining("hardlink 'l' names 'nowhere'");
        Entry shorter = Entry.builder("short", EntryType.FILE).size(10).build();
        assertThatThrownBy(() -> w.write(shorter, new ByteArrayInputStream(new byte[3])))
                .hasMessage("cpio: entry 'short': content ended 7 bytes early; the payload is unusable");
        assertThatThrownBy(() -> w.write(Entry.builder("../x", EntryType.FIFO).build(), null))
                .hasMessageStartingWith("cpio: entry '../x':");
    }

    @Test
    void linkCountsComeFromTheCallerWhenGiven() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NewcWriter w = new NewcWriter(out, e -> e.path().equals("a") ? 2 : 1)) {
            w.write(Entry.builder("a", EntryType.FILE).size(1).build(), new ByteArrayInputStream(new byte[] {1}));
            w.write(Entry.builder("b", EntryType.FILE).size(1).build(), new ByteArrayInputStream(new byte[] {2}));
            w.write(Entry.builder("c", EntryType.HARDLINK).linkTarget("a").build(), null);
            assertThatThrownBy(() -> w.write(Entry.builder("d", EntryType.HARDLINK).linkTarget("b").build(), null))
                    .hasMessageContaining("not an earlier file written with more than one link");
        }
        NewcHeader a = NewcHeader.decode(Arrays.copyOf(out.toByteArray(), NewcHeader.LENGTH), "");
        assertThat(a.nlink).isEqualTo(2);
    }

    @Test
    void limitationsSayWhatIsLost() {
        Entry rich = Entry.builder("f", EntryType.FILE).size(100).mtimeNanos(T + 5)
                .xattrs(List.of(new Xattr("user.x", new byte[] {1}), new Xattr(Xattr.ACL_ACCESS, new byte[] {2})))
                .sparse(new SparseMap(List.of(new SparseMap.Segment(0, 10)), 100)).build();
        assertThat(NewcWriter.limitations(rich)).containsExactly("extended attributes not stored: user.x",
                "POSIX ACLs not stored", "mtime nanoseconds dropped", "holes stored as zeros (sparse file stored whole)");
        assertThat(NewcWriter.limitations(Entry.builder("d", EntryType.DIRECTORY).mtimeNanos(T).build())).isEmpty();
        assertThat(NewcWriter.limitations(Entry.builder("g", EntryType.FILE).size(1L << 32).build()))
                .containsExactly("4 GiB or larger: cpio cannot store the file");
    }

    @Test
    void untrustedInputIsCheckedBeforeItIsBelieved() throws IOException {
        byte[] good = write(sampleTree());
        assertReadFails(Arrays.copyOf(good, 50), "cpio: payload truncated at the start (no TRAILER!!!)");
        assertReadFails("070707".repeat(30).getBytes(UTF_8), "cpio: no newc header at the start (magic '070707', expected 070701)");
        assertReadFails(header("0FFFFFFF", 0100644, 0, 1), "cpio: entry at the start: name size 268435455 out of range");
        assertReadFails(concat(header("00000005", 0100644, 0, 2), "../x\0".getBytes(UTF_8), new byte[] {0}),
                "cpio: entry '../x': path '../x' has an empty, '.' or '..' component");
        assertReadFails(concat(header("00000002", 0140755, 0, 2), "s\0".getBytes(UTF_8), new byte[2]),
                "cpio: entry 's': unsupported file type 0140000 (socket)");
        assertReadFails(concat(header("00000002", 0100644, 100, 2), "f\0".getBytes(UTF_8), new byte[10]),
                "cpio: entry 'f': truncated, 90 bytes missing");
        assertReadFails(concat(header("00000002", 0120777, 0x20000, 2), "l\0".getBytes(UTF_8), new byte[2]),
                "cpio: symlink 'l': target of 131072 bytes");
        assertReadFails(concat(header("00000002", 0100644, 0, 2), new byte[] {(byte) 0xff, 0}, new byte[2]),
                "cpio: entry at the start: name is not UTF-8");
        assertReadFails(concat(good, new byte[] {0, 0, 7}), "cpio: data after TRAILER!!!");
        assertReadFails(concat(header("00000002", 040755, 8, 2), "d\0".getBytes(UTF_8), new byte[8]),
                "cpio: entry 'd': dir with 8 bytes of data");
    }

    private static void assertReadFails(byte[] payload, String message) {
        assertThatThrownBy(() -> {
            try (NewcReader r = new NewcReader(new ByteArrayInputStream(payload))) {
                while (r.next() != null) {
                    r.content().readAllBytes();
                }
            }
        }).isInstanceOf(CorruptArchiveException.class).hasMessage(message);
    }

    static byte[] header(String nameSize, int mode, long size, long nlink) {
        NewcHeader h = new NewcHeader();
        h.mode = mode;
        h.fileSize = size;
        h.nlink = nlink;
        h.ino = 7;
        h.nameSize = Long.parseLong(nameSize, 16);
        return h.encode();
    }

    static byte[] concat(byte[]... parts) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.write(p);
        }
        return b.toByteArray();
    }

    static void copy(InputStream in, OutputStream out) throws IOException {
        in.transferTo(out);
    }
}
