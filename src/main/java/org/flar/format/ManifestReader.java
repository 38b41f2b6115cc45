package org.flar.format;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a manifest's lines one at a time, in order, parsing each only when asked: a manifest
 * may have millions of lines. Enforces strictly ascending paths (so duplicates cannot slip in)
 * and, when given, the number of entries the identification announced.
 */
public final class ManifestReader implements Closeable {

    private final LineInput in;
    private final String source;
    private final long expectedEntries;
    /** files_unarchived_size: the regular files' logical sizes together may not pass it; -1 when unbounded. */
    private long sizeBudget = -1;
    private long sizes;
    private long lineNumber;
    private String previousPath;
    private String lastLine;
    private boolean ended;
    private final CharsetDecoder decoder = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /**
     * @param source          what errors name, e.g. the archive's name
     * @param expectedEntries the number of lines there must be ({@code payload_entries}), or -1
     */
    public ManifestReader(InputStream in, String source, long expectedEntries) {
        this.in = new LineInput(in);
        this.source = source;
        this.expectedEntries = expectedEntries;
    }

    /**
     * Bounds the sum of the regular files' logical sizes by {@code files_unarchived_size}. The
     * payload is checked entry by entry against these lines, so this also bounds what a reader
     * hashes: a sparse file's holes cost time but no stored bytes, and without the bound a file
     * claiming exabytes of holes would keep a reader busy for ever.
     */
    public ManifestReader sizesWithin(long unarchivedSize) {
        this.sizeBudget = unarchivedSize;
        return this;
    }

    /** The next entry, or null after the last one. */
    public ManifestEntry next() throws IOException {
        if (ended) {
            return null;
        }
        byte[] raw;
        try {
            raw = in.readLine(FlashArchive.MAX_LINE);
        } catch (LineInput.TooLong e) {
            throw error("is longer than " + FlashArchive.MAX_LINE + " bytes", lineNumber + 1);
        } catch (LineInput.Truncated e) {
            throw error("has no line feed", lineNumber + 1);
        }
        if (raw == null) {
            ended = true;
            if (expectedEntries >= 0 && lineNumber != expectedEntries) {
                throw new CorruptArchiveException(source + ": manifest has " + lineNumber
                        + " entries but payload_entries says " + expectedEntries);
            }
            return null;
        }
        lineNumber++;
        ManifestEntry entry;
        try {
            lastLine = decode(raw);
            entry = ManifestLine.parse(lastLine);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage(), lineNumber);
        }
        String path = entry.path();
        if (previousPath != null && ArchivePaths.compare(previousPath, path) >= 0) {
            throw new CorruptArchiveException(source + ": duplicate or out-of-order entry '" + path
                    + "' at manifest line " + lineNumber);
        }
        previousPath = path;
        if (sizeBudget >= 0 && entry.entry().type() == org.flar.entry.EntryType.FILE) {
            sizes += entry.entry().size(); // no overflow: each size is below FlashArchive.MAX_FILE_SIZE
            if (sizes > sizeBudget) {
                throw new CorruptArchiveException(source + ": manifest line " + lineNumber + ": file '" + Show.line(path)
                        + "' takes the files' sizes past files_unarchived_size (" + sizeBudget + " bytes)");
            }
        }
        return entry;
    }

    /** The text of the line last returned, without its line feed: exactly what {@link ManifestLine#format} makes of it. */
    public String lastLine() {
        return lastLine;
    }

    /** The number of the line last returned, from 1. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The remaining entries as a stream; errors arrive as UncheckedIOException. Closing the stream closes this reader. */
    public Stream<ManifestEntry> stream() {
        Iterator<ManifestEntry> it = new Iterator<>() {
            private ManifestEntry nextEntry;

            @Override
            public boolean hasNext() {
                if (nextEntry == null) {
                    try {
                        nextEntry = ManifestReader.this.next();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return nextEntry != null;
            }

            @Override
            public ManifestEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ManifestEntry e = nextEntry;
                nextEntry = null;
                return e;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(() -> {
                    try {
                        close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private String decode(byte[] raw) {
        try {
            return decoder.decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not valid UTF-8");
        }
    }

    private CorruptArchiveException error(String message, long line) {
        return new CorruptArchiveException(source + ": manifest line " + line + ": " + message);
    }
}
