package org.flar.format.cpio;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.entry.SparseMap;
import org.flar.entry.Xattr;
import org.flar.format.ArchivePaths;
import org.flar.format.PayloadWriter;

/**
 * Writes an SVR4 "newc" cpio payload as GNU cpio, the kernel's initramfs unpacker and libarchive
 * extract it. The format has no room for xattrs, ACLs, nanoseconds or holes (see
 * {@link #limitations}); files of 4 GiB and more and times outside 1970..2106 are refused.
 *
 * <p>Hardlinks share their file's inode number; the data goes with the first name and the later
 * names have size 0. An extractor links a later name only if the first one declared more than
 * one link (GNU cpio, the kernel), and libarchive links only as many later names as the first
 * declared. An {@link Entry} does not say how many names its file has, so without a
 * {@code linkCount} every non-empty file declares {@link #UNKNOWN_LINK_COUNT} links: correct
 * everywhere, but libarchive then remembers every file, which is slow on very large trees;
 * pass st_nlink as {@code linkCount} to avoid that. Empty files always declare 1 link, because
 * an extractor must otherwise hold a size-0 multiply-linked entry back until the end of the
 * archive in case its data comes with a later name (GNU cpio's own layout); GNU cpio therefore
 * extracts the later names of an empty file as separate empty files, while flar's reader links them.
 */
public final class NewcWriter implements PayloadWriter {

    /** The largest file newc can hold: its size field has 8 hex digits. */
    public static final long MAX_FILE_SIZE = 0xFFFF_FFFFL;
    /** The link count a non-empty file declares when the real one is not known. */
    public static final long UNKNOWN_LINK_COUNT = 65535;

    private static final long NANOS = 1_000_000_000L;
    private static final byte[] ZEROS = new byte[1 << 16];

    private final OutputStream out;
    private final ToLongFunction<Entry> linkCount;
    private final Map<String, Long> fileInodes = new HashMap<>();
    private final byte[] buffer = new byte[1 << 16];
    private long offset;
    private long nextInode = 1;
    private boolean finished;

    public NewcWriter(OutputStream out) {
        this(out, null);
    }

    /** @param linkCount the number of names an entry's file has (st_nlink), or null when unknown */
    public NewcWriter(OutputStream out, ToLongFunction<Entry> linkCount) {
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.linkCount = linkCount;
    }

    @Override
    public void write(Entry e, InputStream content) throws IOException {
        if (finished) {
            throw new IllegalStateException("cpio payload already finished");
        }
        String problem = ArchivePaths.problem(e.path());
        if (problem != null) {
            throw new IOException("cpio: entry '" + e.path() + "': " + problem);
        }
        NewcHeader h = new NewcHeader();
        long seconds = Math.floorDiv(e.mtimeNanos(), NANOS);
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IOException("cpio: entry '" + e.path() + "': mtime " + seconds
                    + " is outside 1970..2106, which cpio cannot store; use pax");
        }
        h.mtime = seconds;
        h.uid = Integer.toUnsignedLong(e.uid());
        h.gid = Integer.toUnsignedLong(e.gid());
        h.nlink = 1;
        h.ino = nextInode++;
        byte[] data = null;
        switch (e.type()) {
            case FILE -> {
                if (e.size() > MAX_FILE_SIZE) {
                    throw new IOException("cpio: entry '" + e.path() + "': " + e.size()
                            + " bytes; cpio cannot store files of 4 GiB or more; use pax");
                }
                h.mode = NewcHeader.S_IFREG;
                h.fileSize = e.size();
                h.nlink = e.size() == 0 ? 1
                        : linkCount == null ? UNKNOWN_LINK_COUNT : Math.clamp(linkCount.applyAsLong(e), 1, 0xFFFF_FFFFL);
                if (e.size() == 0 || h.nlink > 1) {
                    fileInodes.put(e.path(), h.ino);
                }
            }
            case HARDLINK -> {
                Long ino = fileInodes.get(e.linkTarget());
                if (ino == null) {
                    throw new IOException("cpio: hardlink '" + e.path() + "' names '" + e.linkTarget()
                            + "', which is not an earlier file written with more than one link");
                }
                nextInode--;
                h.ino = ino;
                h.mode = NewcHeader.S_IFREG;
                h.nlink = 2;
            }
            case DIRECTORY -> {
                h.mode = NewcHeader.S_IFDIR;
                h.nlink = 2;
            }
            case SYMLINK -> {
                h.mode = NewcHeader.S_IFLNK;
                data = e.linkTarget().getBytes(UTF_8);
                h.fileSize = data.length;
            }
            case FIFO -> h.mode = NewcHeader.S_IFIFO;
            case CHAR_DEVICE, BLOCK_DEVICE -> {
                h.mode = e.type() == EntryType.CHAR_DEVICE ? NewcHeader.S_IFCHR : NewcHeader.S_IFBLK;
                h.rdevMajor = Integer.toUnsignedLong(e.devMajor());
                h.rdevMinor = Integer.toUnsignedLong(e.devMinor());
            }
        }
        h.mode |= e.mode();
        byte[] name = (e.path() + "\0").getBytes(UTF_8);
        h.nameSize = name.length;
        put(h.encode(), 0, NewcHeader.LENGTH);
        put(name, 0, name.length);
        pad();
        if (data != null) {
            put(data, 0, data.length);
        } else if (e.type() == EntryType.FILE && e.size() > 0) {
            writeContent(e, content);
        }
        pad();
    }

    @Override
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        NewcHeader h = new NewcHeader();
        h.nlink = 1;
        byte[] name = (NewcHeader.TRAILER + "\0").getBytes(UTF_8);
        h.nameSize = name.length;
        put(h.encode(), 0, NewcHeader.LENGTH);
        put(name, 0, name.length);
        pad();
        out.flush();
    }

    /** Finishes the payload; the underlying stream stays open. */
    @Override
    public void close() throws IOException {
        finish();
    }

    /**
     * What {@code e} loses in a cpio payload, in words for {@code flar create} to report; empty
     * when nothing. Includes what makes {@link #write} refuse the entry.
     */
    public static List<String> limitations(Entry e) {
        List<String> lost = new ArrayList<>();
        List<String> xattrs = e.xattrs().stream().filter(x -> !x.isAcl()).map(Xattr::name).toList();
        if (!xattrs.isEmpty()) {
            lost.add("extended attributes not stored: " + String.join(", ", xattrs));
        }
        if (e.xattrs().stream().anyMatch(Xattr::isAcl)) {
            lost.add("POSIX ACLs not stored");
        }
        if (Math.floorMod(e.mtimeNanos(), NANOS) != 0) {
            lost.add("mtime nanoseconds dropped");
        }
        long seconds = Math.floorDiv(e.mtimeNanos(), NANOS);
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            lost.add("mtime outside 1970..2106: cpio cannot store the entry");
        }
        if (e.type() == EntryType.FILE && e.sparse() != null && e.sparse().storedSize() < e.size()) {
            lost.add("holes stored as zeros (sparse file stored whole)");
        }
        if (e.type() == EntryType.FILE && e.size() > MAX_FILE_SIZE) {
            lost.add("4 GiB or larger: cpio cannot store the file");
        }
        return lost;
    }

    /** The entry as reading a cpio payload gives it back: whole seconds, no xattrs, no holes. */
    public static Entry asStored(Entry e) {
        return e.toBuilder().mtimeNanos(Math.floorDiv(e.mtimeNanos(), NANOS) * NANOS).xattrs(List.of())
                .sparse(null).build();
    }

    private void writeContent(Entry e, InputStream content) throws IOException {
        if (content == null) {
            throw new IOException("cpio: entry '" + e.path() + "': no content given for " + e.size() + " bytes");
        }
        SparseMap sparse = e.sparse();
        if (sparse == null) {
            copy(e, content, e.size());
            return;
        }
        if (sparse.realSize() != e.size()) {
            throw new IOException("cpio: entry '" + e.path() + "': sparse map size " + sparse.realSize()
                    + " != file size " + e.size());
        }
        long pos = 0;
        for (SparseMap.Segment s : sparse.segments()) {
            zeros(s.offset() - pos);
            copy(e, content, s.length());
            pos = s.end();
        }
        zeros(e.size() - pos);
    }

    private void copy(Entry e, InputStream content, long n) throws IOException {
        long left = n;
        while (left > 0) {
            int r = content.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (r < 0) {
                throw new IOException("cpio: entry '" + e.path() + "': content ended " + left
                        + " bytes early; the payload is unusable");
            }
            put(buffer, 0, r);
            left -= r;
        }
    }

    private void zeros(long n) throws IOException {
        for (long left = n; left > 0; ) {
            int k = (int) Math.min(ZEROS.length, left);
            put(ZEROS, 0, k);
            left -= k;
        }
    }

    private void pad() throws IOException {
        put(ZEROS, 0, NewcHeader.padding(offset));
    }

    private void put(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        offset += len;
    }
}
