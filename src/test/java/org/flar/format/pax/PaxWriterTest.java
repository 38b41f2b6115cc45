package org.flar.format.pax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.SparseMap;
import org.flar.entry.SparseMap.Segment;
import org.flar.entry.Xattr;
import org.flar.format.CorruptArchiveException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PaxWriterTest {
    private static final long NINE_GIB = 9L << 30;

    @Test
    void aFileThatShrankIsRefusedAndThePayloadIsNotFinished() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PaxWriter w = new PaxWriter(out);
        Entry e = Entry.builder("var/log/syslog", EntryType.FILE).size(10).build();
        assertThatThrownBy(() -> w.write(e, new ByteArrayInputStream(new byte[5])))
                .isInstanceOf(IOException.class).hasMessageContaining("'var/log/syslog'").hasMessageContaining("shrank");
        assertThatThrownBy(() -> w.write(Entry.builder("next", EntryType.FIFO).build(), null))
                .isInstanceOf(IOException.class).hasMessageContaining("'next'");
        w.close();
        assertThatThrownBy(() -> Payloads.read(out.toByteArray())).isInstanceOf(CorruptArchiveException.class)
                .hasMessageContaining("'var/log/syslog'");
    }

    @Test
    void aFileThatGrewIsRefused() {
        PaxWriter w = new PaxWriter(OutputStream.nullOutputStream());
        Entry e = Entry.builder("var/log/messages", EntryType.FILE).size(10).build();
        assertThatThrownBy(() -> w.write(e, new ByteArrayInputStream(new byte[11])))
                .isInstanceOf(IOException.class).hasMessageContaining("'var/log/messages'").hasMessageContaining("grew");
        Entry empty = Entry.builder("empty", EntryType.FILE).build();
        PaxWriter w2 = new PaxWriter(OutputStream.nullOutputStream());
        assertThatThrownBy(() -> w2.write(empty, new ByteArrayInputStream(new byte[1])))
                .isInstanceOf(IOException.class).hasMessageContaining("'empty'").hasMessageContaining("grew");
    }

    @Test
    void badEntriesAreRefusedBeforeAnythingIsWritten() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PaxWriter w = new PaxWriter(out);
        List<Entry> bad = List.of(
                Entry.builder("/etc/passwd", EntryType.FILE).build(),
                Entry.builder("./etc", EntryType.DIRECTORY).build(),
                Entry.builder("etc/", EntryType.DIRECTORY).build(),
                Entry.builder("a\0b", EntryType.FILE).build(),
                Entry.builder(".", EntryType.FILE).build(),
                Entry.builder("h", EntryType.HARDLINK).build(),
                Entry.builder("s", EntryType.SYMLINK).linkTarget("").build(),
                Entry.builder("d", EntryType.DIRECTORY).sparse(new SparseMap(List.of(), 0)).build(),
                Entry.builder("sp", EntryType.FILE).size(10).sparse(new SparseMap(List.of(), 11)).build(),
                Entry.builder("x", EntryType.FILE).xattrs(List.of(new Xattr("user.big", new byte[65537]))).build(),
                Entry.builder("n", EntryType.FILE).xattrs(List.of(new Xattr("user." + "n".repeat(251), new byte[1]))).build(),
                Entry.builder("dup", EntryType.FILE).xattrs(List.of(new Xattr("user.a", new byte[1]),
                        new Xattr("user.a", new byte[2]))).build(),
                Entry.builder("acl", EntryType.FILE).xattrs(List.of(new Xattr(Xattr.ACL_ACCESS, new byte[3]))).build(),
                Entry.builder("c", EntryType.CHAR_DEVICE).device(-1, 0).build(),
                Entry.builder("u", EntryType.FILE).names("a\0b", null).build(),
                Entry.builder("surrogate\uD800", EntryType.FILE).build(),
                Entry.builder("nocontent", EntryType.FILE).size(1).build());
        for (Entry e : bad) {
            assertThatThrownBy(() -> w.write(e, null)).as(e.path()).isInstanceOf(IOException.class)
                    .hasMessageContaining(e.path().isEmpty() ? "" : e.path());
        }
        w.write(Entry.builder("ok", EntryType.FILE).build(), null);
        w.finish();
        assertThat(Payloads.read(out.toByteArray())).extracting(i -> i.entry().path()).containsExactly("ok");
    }

    @Test
    void finishWritesTwoZeroBlocksOnceAndLeavesTheStreamOpen() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        PaxWriter w = new PaxWriter(out);
        w.finish();
        w.finish();
        w.close();
        assertThat(bytes.toByteArray()).hasSize(1024).containsOnly(0);
        assertThat(closed[0]).isFalse();
        assertThat(Payloads.read(bytes.toByteArray())).isEmpty();
        assertThatThrownBy(() -> w.write(Entry.builder("late", EntryType.FIFO).build(), null))
                .isInstanceOf(IOException.class).hasMessageContaining("'late'");
    }

    @Test
    void closeFinishes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PaxWriter w = new PaxWriter(out)) {
            w.write(Entry.builder("f", EntryType.FILE).size(3).build(), new ByteArrayInputStream(new byte[] {1, 2, 3}));
        }
        byte[] b = out.toByteArray();
        assertThat(b.length % 512).isZero();
        assertThat(Arrays.copyOfRange(b, b.length - 1024, b.length)).containsOnly(0);
        assertThat(Payloads.read(b)).hasSize(1);
    }

    /** 9 GiB of content stream through writer and reader; only the headers are kept. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aNineGibFileStreamsThroughWithoutBeingHeld() throws IOException {
        Entry e = Entry.builder("srv/huge.img", EntryType.FILE).mode(0600).size(NINE_GIB).mtimeNanos(1).build();
        HeadAndCount sink = new HeadAndCount(4096);
        try (PaxWriter w = new PaxWriter(sink)) {
            w.write(e, new Generated(NINE_GIB));
        }
        int headers = HeaderEncoder.encode(e).bytes().length;
        assertThat(sink.count).isEqualTo(headers + NINE_GIB + 1024);
        assertThat(headers).isEqualTo(3 * 512);

        InputStream replay = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(Arrays.copyOf(sink.head, headers)),
                new Generated(NINE_GIB),
                new ByteArrayInputStream(new byte[1024]))));
        try (PaxReader r = new PaxReader(replay)) {
            Entry back = r.next();
            assertThat(back).isEqualTo(e);
            InputStream content = r.content();
            assertThat(content.skip(NINE_GIB - 8)).isEqualTo(NINE_GIB - 8);
            assertThat(content.readAllBytes()).isEqualTo(Generated.MARKER);
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void aSparseFileOfNineGibStoresOnlyItsSegments() throws IOException {
        SparseMap map = new SparseMap(List.of(new Segment(0, 4096), new Segment(NINE_GIB - 1000, 1000)), NINE_GIB);
        Entry e = Entry.builder("var/lib/vm.img", EntryType.FILE).size(NINE_GIB).sparse(map).build();
        byte[] content = PaxRoundTripTest.fill(5096);
        byte[] payload = Payloads.write(List.of(new Payloads.Item(e, content)));
        assertThat(payload.length).isLessThan(16 * 1024);
        List<Payloads.Item> back = Payloads.read(payload);
        assertThat(back.getFirst().entry()).isEqualTo(e);
        assertThat(back.getFirst().content()).isEqualTo(content);
    }

    /** Stands in for a file: hands out {@code size} bytes without filling them, the last 8 a marker. */
    static final class Generated extends InputStream {
        static final byte[] MARKER = {'t', 'h', 'e', ' ', 'e', 'n', 'd', '!'};
        private final long size;
        private long pos;

        Generated(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pos);
            for (long i = Math.max(pos, size - MARKER.length); i < pos + n; i++) {
                b[off + (int) (i - pos)] = MARKER[(int) (i - (size - MARKER.length))];
            }
            pos += n;
            return n;
        }
    }

    /** Keeps the first bytes written and counts the rest. */
    static final class HeadAndCount extends OutputStream {
        final byte[] head;
        long count;

        HeadAndCount(int keep) {
            head = new byte[keep];
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count < head.length) {
                System.arraycopy(b, off, head, (int) count, (int) Math.min(len, head.length - count));
            }
            count += len;
        }
    }
}
