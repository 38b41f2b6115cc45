package org.flar.capture;

import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.flar.format.FlashArchiveWriter;
import org.flar.fs.Posix;
import org.flar.fs.PosixException;

/**
 * An archive file that gets its stored payload first and its text sections last, in front: the
 * text sections (the manifest above all) are complete only once every file was read, and copying
 * the payload from a spool behind them cost a second write of every stored byte. Room is made
 * with {@code FALLOC_FL_INSERT_RANGE} (ext4, XFS), which moves extents, not data; the header is
 * padded to whole blocks for it ({@link FlashArchiveWriter#alignHeader}). Where the file system
 * cannot, {@link #probe} says so before the capture starts and the payload is spooled as before.
 */
final class PayloadInPlace {
    /** A multiple of the block size of every ext4 and XFS made by default on x86-64 and arm64. */
    static final int BLOCK = 4096;

    private final FileOutputStream out;
    private final Path file;

    private PayloadInPlace(FileOutputStream out, Path file) {
        this.out = out;
        this.file = file;
    }

    /**
     * The archive {@code out} writes, when it is the empty file {@code file} on a file system that
     * can insert ranges (tried on a scratch file of {@code spool}, beside it); else null.
     */
    static PayloadInPlace probe(OutputStream out, Path file, CaptureSpool spool) throws IOException {
        if (!(out instanceof FileOutputStream fos) || file == null || fos.getChannel().size() != 0) {
            return null;
        }
        Path scratch = spool.file("insert-range-probe");
        Files.write(scratch, new byte[2 * BLOCK]);
        try {
            Posix.insertRange(scratch, 0, BLOCK);
            return Files.size(scratch) == 3 * BLOCK ? new PayloadInPlace(fos, file) : null;
        } catch (PosixException e) {
            return null;
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** Where the stored payload goes: the archive file itself; closing it only flushes. */
    OutputStream payload() {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    FileOutputStream archive() {
        return out;
    }

    /**
     * Puts {@code writer}'s header in front of the {@code payloadSize} bytes written so far. Should
     * the insert fail after the probe succeeded (a full file system, say), the payload is moved to
     * {@code spoolPayload} and the archive written again the usual way.
     */
    void finish(FlashArchiveWriter writer, long payloadSize, Path spoolPayload) throws IOException {
        FileChannel ch = out.getChannel();
        if (ch.size() != payloadSize) {
            throw new IOException(file + ": " + ch.size() + " bytes written, " + payloadSize + " expected");
        }
        long header = writer.alignHeader(BLOCK).headerSize(payloadSize);
        try {
            Posix.insertRange(file, 0, header);
        } catch (PosixException e) {
            try (FileChannel spooled = FileChannel.open(spoolPayload, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (long done = 0, n; done < payloadSize; done += n) {
                    if ((n = ch.transferTo(done, payloadSize - done, spooled)) <= 0) {
                        throw new IOException(file + ": the payload ended at " + done + " of " + payloadSize + " bytes");
                    }
                }
            }
            ch.truncate(0).position(0);
            writer.payload(spoolPayload).write();
            return;
        }
        ch.position(0);
        writer.writeHeader(payloadSize);
        ch.position(header + payloadSize);
    }
}
