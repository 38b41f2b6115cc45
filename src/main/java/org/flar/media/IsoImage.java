package org.flar.media;

import org.flar.pipeline.BulkInputStream;
import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.flar.format.CorruptArchiveException;

/**
 * Reads the files of a flar volume straight from an ISO 9660 image or an optical drive, without
 * mounting it (no root needed) and without copying pieces out first. Only what flar writes is
 * understood: the primary volume descriptor, the root directory and the {@code FLAR} directory,
 * plain ISO 9660 names (flar's names are valid ISO 9660 level 1 names, so Rock Ridge and Joliet
 * are not needed) and files of one extent. Every offset and size is checked against the image
 * before it is used: an image is untrusted input, and a piece is used only after its SHA-256.
 */
final class IsoImage implements Closeable {
    private static final int SECTOR = MediaSize.SECTOR;
    /** flar's directories hold a few hundred records; anything larger is not a flar volume. */
    private static final int MAX_DIRECTORY = 4 << 20;

    private final Path file;
    private final FileChannel channel;
    private final long length;
    private final String volumeId;
    private final Map<String, Extent> files = new HashMap<>();

    record Extent(long offset, long size) {
    }

    private IsoImage(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            // A block device reports size 0 through FileChannel; its reads still end at the medium's end.
            this.length = size > 0 ? size : Long.MAX_VALUE;
            ByteBuffer pvd = read(16L * SECTOR, SECTOR);
            if (pvd.get(0) != 1 || !"CD001".equals(ascii(pvd, 1, 5))) {
                throw bad("not an ISO 9660 image (no primary volume descriptor at sector 16)");
            }
            this.volumeId = ascii(pvd, 40, 32).strip();
            Extent root = record(pvd, 156, "root directory").extent;
            for (Entry e : directory(root, "/")) {
                if (e.directory && e.name.equals("FLAR")) {
                    for (Entry f : directory(e.extent, "/FLAR")) {
                        if (!f.directory) {
                            files.put("FLAR/" + f.name, f.extent);
                        }
                    }
                } else if (!e.directory) {
                    files.put(e.name, e.extent);
                }
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    static IsoImage open(Path file) throws IOException {
        return new IsoImage(file);
    }

    String volumeId() {
        return volumeId;
    }

    /** The extent of {@code name} ({@code FLAR/P0001}), or null when the image has no such file. */
    Extent find(String name) {
        return files.get(name);
    }

    /** The bytes of {@code e}: positional reads, so several streams may be open at once. */
    InputStream open(Extent e) {
        return new BulkInputStream() {
            private long pos = e.offset();
            private final long end = e.offset() + e.size();

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos == end) {
                    return -1;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
                if (n < 0) {
                    throw bad("ends inside a file at byte " + pos + " (truncated image?)");
                }
                pos += n;
                return n;
            }
        };
    }

    byte[] readAll(Extent e, int max, String name) throws IOException {
        if (e.size() > max) {
            throw bad(name + " has " + e.size() + " bytes, more than a flar volume writes (" + max + ")");
        }
        ByteBuffer b = read(e.offset(), (int) e.size());
        byte[] out = new byte[(int) e.size()];
        b.get(0, out);
        return out;
    }

    private record Entry(String name, boolean directory, Extent extent) {
    }

    private java.util.List<Entry> directory(Extent dir, String where) throws IOException {
        if (dir.size() > MAX_DIRECTORY) {
            throw bad("directory " + where + " is larger than a flar volume writes");
        }
        ByteBuffer b = read(dir.offset(), (int) dir.size());
        java.util.List<Entry> entries = new java.util.ArrayList<>();
        int pos = 0;
        while (pos < b.limit()) {
            int len = b.get(pos) & 0xff;
            if (len == 0) {
                pos = (pos / SECTOR + 1) * SECTOR;
                continue;
            }
            if (len < 34 || pos + len > b.limit()) {
                throw bad("bad directory record in " + where);
            }
            Entry e = record(b, pos, where);
            if (!e.name.isEmpty()) {
                entries.add(e);
            }
            pos += len;
        }
        return entries;
    }

    private Entry record(ByteBuffer b, int pos, String where) throws IOException {
        b.order(ByteOrder.LITTLE_ENDIAN);
        long lba = Integer.toUnsignedLong(b.getInt(pos + 2));
        long size = Integer.toUnsignedLong(b.getInt(pos + 10));
        int flags = b.get(pos + 25) & 0xff;
        int nameLength = b.get(pos + 32) & 0xff;
        if (33 + nameLength > (b.get(pos) & 0xff)) {
            throw bad("bad directory record in " + where);
        }
        if ((flags & 0x80) != 0) {
            throw bad("a file of several extents in " + where + ": not written by flar");
        }
        long offset = lba * SECTOR;
        if (offset + size > length) {
            throw bad("a file in " + where + " lies beyond the end of the image (truncated?)");
        }
        String name = "";
        if (nameLength > 1 || (nameLength == 1 && b.get(pos + 33) > 1)) {
            name = ascii(b, pos + 33, nameLength);
            int version = name.indexOf(';');
            if (version >= 0) {
                name = name.substring(0, version);
            }
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
            }
            name = name.toUpperCase(Locale.ROOT);
        }
        return new Entry(name, (flags & 0x02) != 0, new Extent(offset, size));
    }

    private ByteBuffer read(long offset, int size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(size);
        while (b.hasRemaining()) {
            if (channel.read(b, offset + b.position()) < 0) {
                throw bad("ends at byte " + (offset + b.position()) + " (truncated image?)");
            }
        }
        return b.flip();
    }

    private static String ascii(ByteBuffer b, int pos, int len) {
        byte[] a = new byte[len];
        b.get(pos, a);
        return new String(a, US_ASCII);
    }

    private CorruptArchiveException bad(String problem) {
        return new CorruptArchiveException(file + ": " + problem);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
