package org.flar.format.cpio;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.format.ArchivePaths;
import org.flar.format.CorruptArchiveException;
import org.flar.format.PayloadReader;
import org.flar.pipeline.BulkInputStream;

/**
 * Reads a "newc" (070701) or "crc" (070702, regular files' checksums verified: GNU cpio leaves
 * a symlink's at 0) cpio payload, untrusted: names
 * and symlink targets are bounded before they are read, every number is checked, names are made
 * relative ("./a" and "/a" become "a") and ".." is refused.
 *
 * <p>Regular files that repeat an earlier file's inode number with a link count above 1 come back
 * as {@link EntryType#HARDLINK} entries naming the first name. GNU cpio stores a hardlinked
 * file's data with its <em>last</em> name and gives the earlier ones size 0; such size-0 names
 * are held back (headers only, no data) until the name with the data arrives, which is returned
 * as the file, followed by the held names as hardlinks to it, as GNU cpio extracts them. flar's
 * own writer puts the data first, so its archives come back in their order.
 *
 * <p>The payload is the whole stream: after {@code TRAILER!!!} only zero padding may follow, and
 * it is read to the end.
 */
public final class NewcReader implements PayloadReader {

    /** Longest name accepted, NUL included. */
    public static final int MAX_NAME = 1 << 16;
    /** Longest symlink target accepted. */
    public static final int MAX_SYMLINK = 1 << 16;
    /**
     * Size-0 names of multiply-linked files waiting for their data. They are held in memory and
     * reach the manifest check only once released, so their number is bounded: GNU cpio writes
     * a file's names together, and a quarter million waiting at once is no real archive.
     */
    public static final int MAX_HELD_BACK = 1 << 18;

    private record Key(long devMajor, long devMinor, long ino) {
    }

    private final InputStream in;
    private final Map<Key, String> files = new HashMap<>();
    private final Map<Key, List<Entry>> heldBack = new LinkedHashMap<>();
    private final ArrayDeque<Entry> ready = new ArrayDeque<>();
    private long offset;
    private long entries;
    private int held;
    private String lastName;
    private Content content;
    private boolean ended;

    public NewcReader(InputStream in) {
        this.in = new BufferedInputStream(in, 1 << 16);
    }

    @Override
    public Entry next() throws IOException {
        if (content != null) {
            content.finish();
            content = null;
        }
        if (!ready.isEmpty()) {
            return ready.poll();
        }
        while (!ended) {
            Entry e = readEntry();
            if (e != null) {
                return e;
            }
        }
        return ready.poll();
    }

    @Override
    public InputStream content() {
        return content != null ? content : InputStream.nullInputStream();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The next entry to return, or null when it was held back or the trailer was reached. */
    private Entry readEntry() throws IOException {
        String where = entries == 0 ? "at the start" : "after '" + show(lastName) + "'";
        byte[] raw = new byte[NewcHeader.LENGTH];
        if (readFully(raw) < raw.length) {
            throw new CorruptArchiveException("cpio: payload truncated " + where + " (no TRAILER!!!)");
        }
        NewcHeader h = NewcHeader.decode(raw, where);
        if (h.nameSize < 1 || h.nameSize > MAX_NAME) {
            throw new CorruptArchiveException("cpio: entry " + where + ": name size " + h.nameSize + " out of range");
        }
        byte[] nameBytes = new byte[(int) h.nameSize];
        if (readFully(nameBytes) < nameBytes.length) {
            throw new CorruptArchiveException("cpio: payload truncated in the name of the entry " + where);
        }
        String name = decodeName(nameBytes, where);
        entries++;
        lastName = name;
        // After lastName is set: a truncated padding names this entry, and the first one has no other.
        skipPadding();
        String shown = show(name);
        if (name.equals(NewcHeader.TRAILER)) {
            endOfArchive();
            return null;
        }
        String path = normalize(name);
        EntryType type = type(h, shown);
        if (type != EntryType.FILE && type != EntryType.SYMLINK && h.fileSize != 0) {
            throw new CorruptArchiveException("cpio: entry '" + shown + "': " + type.keyword() + " with "
                    + h.fileSize + " bytes of data");
        }
        Entry.Builder b = Entry.builder(path, type).mode((int) (h.mode & 07777)).owner((int) h.uid, (int) h.gid)
                .mtimeNanos(h.mtime * 1_000_000_000L);
        switch (type) {
            case SYMLINK -> b.linkTarget(readSymlink(h, shown));
            case CHAR_DEVICE, BLOCK_DEVICE -> b.device((int) h.rdevMajor, (int) h.rdevMinor);
            case FILE -> {
                return regularFile(h, b.size(h.fileSize).build(), shown);
            }
            default -> {
            }
        }
        return b.build();
    }

    private Entry regularFile(NewcHeader h, Entry file, String name) throws IOException {
        Key key = new Key(h.devMajor, h.devMinor, h.ino);
        String first = h.nlink > 1 ? files.get(key) : null;
        if (first != null) {
            // A later name may carry the data again (an appended archive): the link is what counts.
            new Content(h, name).finish();
            return hardlink(file, first);
        }
        if (h.nlink > 1 && h.fileSize == 0) {
            if (++held > MAX_HELD_BACK) {
                throw new CorruptArchiveException("cpio: more than " + MAX_HELD_BACK
                        + " hardlinked names waiting for their data (at '" + name + "')");
            }
            heldBack.computeIfAbsent(key, k -> new ArrayList<>()).add(file);
            return null;
        }
        List<Entry> waiting = h.nlink > 1 ? heldBack.remove(key) : null;
        if (waiting != null) {
            held -= waiting.size();
            for (Entry e : waiting) {
                ready.add(hardlink(e, file.path()));
            }
        }
        // Link counts are not trusted to tell when a file's last name has been seen (flar's writer
        // may not know them), so names stay remembered; empty single-link files too, as flar's
        // writer gives empty files one link.
        if (h.nlink > 1 || h.fileSize == 0) {
            files.put(key, file.path());
        }
        content = new Content(h, name);
        return file;
    }

    private void endOfArchive() throws IOException {
        ended = true;
        for (List<Entry> group : heldBack.values()) {
            Entry first = group.getFirst();
            ready.add(first);
            for (Entry e : group.subList(1, group.size())) {
                ready.add(hardlink(e, first.path()));
            }
        }
        heldBack.clear();
        files.clear();
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) >= 0; ) {
            for (int i = 0; i < n; i++) {
                if (buf[i] != 0) {
                    throw new CorruptArchiveException("cpio: data after TRAILER!!!");
                }
            }
        }
    }

    private static Entry hardlink(Entry e, String target) {
        return Entry.builder(e.path(), EntryType.HARDLINK).mode(e.mode()).owner(e.uid(), e.gid())
                .mtimeNanos(e.mtimeNanos()).linkTarget(target).build();
    }

    private String readSymlink(NewcHeader h, String name) throws IOException {
        if (h.fileSize == 0 || h.fileSize > MAX_SYMLINK) {
            throw new CorruptArchiveException("cpio: symlink '" + name + "': target of " + h.fileSize + " bytes");
        }
        byte[] target = new byte[(int) h.fileSize];
        if (readFully(target) < target.length) {
            throw new CorruptArchiveException("cpio: payload truncated in the symlink '" + name + "'");
        }
        skipPadding();
        try {
            return strictUtf8(target);
        } catch (CharacterCodingException e) {
            throw new CorruptArchiveException("cpio: symlink '" + name + "': target is not UTF-8");
        }
    }

    private static EntryType type(NewcHeader h, String name) throws CorruptArchiveException {
        return switch ((int) (h.mode & NewcHeader.S_IFMT)) {
            case NewcHeader.S_IFREG -> EntryType.FILE;
            case NewcHeader.S_IFDIR -> EntryType.DIRECTORY;
            case NewcHeader.S_IFLNK -> EntryType.SYMLINK;
            case NewcHeader.S_IFIFO -> EntryType.FIFO;
            case NewcHeader.S_IFCHR -> EntryType.CHAR_DEVICE;
            case NewcHeader.S_IFBLK -> EntryType.BLOCK_DEVICE;
            default -> throw new CorruptArchiveException("cpio: entry '" + name + "': unsupported file type 0"
                        + Long.toOctalString(h.mode & NewcHeader.S_IFMT)
                        + ((h.mode & NewcHeader.S_IFMT) == NewcHeader.S_IFSOCK ? " (socket)" : ""));
        };
    }

    private static String decodeName(byte[] raw, String where) throws CorruptArchiveException {
        int n = raw.length - 1;
        if (raw[n] != 0) {
            throw new CorruptArchiveException("cpio: entry " + where + ": name not NUL-terminated");
        }
        for (int i = 0; i < n; i++) {
            if (raw[i] == 0) {
                throw new CorruptArchiveException("cpio: entry " + where + ": name contains NUL");
            }
        }
        try {
            return strictUtf8(java.util.Arrays.copyOf(raw, n));
        } catch (CharacterCodingException e) {
            throw new CorruptArchiveException("cpio: entry " + where + ": name is not UTF-8");
        }
    }

    /** Names in messages: without control characters that would garble a terminal. */
    private static String show(String name) {
        StringBuilder b = new StringBuilder(name.length());
        name.chars().forEach(c -> b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : String.valueOf((char) c)));
        return b.toString();
    }

    /** "./a", "/a" and "a/" name "a"; "", "." and "./" the root. */
    static String normalize(String name) throws CorruptArchiveException {
        String p = name;
        while (true) {
            if (p.startsWith("/")) {
                p = p.substring(1);
            } else if (p.startsWith("./")) {
                p = p.substring(2);
            } else {
                break;
            }
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty() || p.equals(".")) {
            return ".";
        }
        String problem = ArchivePaths.problem(p);
        if (problem != null) {
            throw new CorruptArchiveException("cpio: entry '" + show(name) + "': " + problem);
        }
        return p;
    }

    private static String strictUtf8(byte[] b) throws CharacterCodingException {
        return UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
    }

    private int readFully(byte[] b) throws IOException {
        int n = in.readNBytes(b, 0, b.length);
        offset += n;
        return n;
    }

    private void skipPadding() throws IOException {
        int pad = NewcHeader.padding(offset);
        if (pad > 0 && readFully(new byte[pad]) < pad) {
            throw new CorruptArchiveException("cpio: payload truncated after '" + show(lastName) + "'");
        }
    }

    /** A file's data: bounded, checksummed for 070702, skipped by {@link #finish} when left unread. */
    private final class Content extends BulkInputStream {
        private final NewcHeader h;
        private final String name;
        private long left;
        private long sum;

        Content(NewcHeader h, String name) {
            this.h = h;
            this.name = name;
            this.left = h.fileSize;
        }


        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new CorruptArchiveException("cpio: entry '" + name + "': truncated, " + left + " bytes missing");
            }
            offset += n;
            left -= n;
            if (h.crc) {
                for (int i = off; i < off + n; i++) {
                    sum += b[i] & 0xff;
                }
                if (left == 0 && (sum & 0xFFFF_FFFFL) != h.check) {
                    throw new CorruptArchiveException("cpio: entry '" + name + "': checksum mismatch");
                }
            }
            return n;
        }

        void finish() throws IOException {
            byte[] buf = new byte[(int) Math.min(left, 1 << 16)];
            while (left > 0) {
                read(buf, 0, (int) Math.min(buf.length, left));
            }
            skipPadding();
        }
    }
}
