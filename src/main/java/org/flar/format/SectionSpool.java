package org.flar.format;

import org.flar.entry.ContentDigest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A section's content as read from a pipe: in memory while small, moved to a temporary file
 * past a threshold so that a million-line manifest does not live on the heap. Hashed on the way in.
 */
final class SectionSpool implements Closeable {

    static final int MEMORY_THRESHOLD = 4 << 20;

    private final Path tempDir;
    private final MessageDigest md = ContentDigest.newSha256();
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;
    private long size;
    private String sha256;

    SectionSpool(Path tempDir) {
        this.tempDir = tempDir;
    }

    void write(byte[] b, int off, int len) throws IOException {
        md.update(b, off, len);
        size += len;
        if (memory != null && memory.size() + (long) len > MEMORY_THRESHOLD) {
            file = tempDir == null ? Files.createTempFile("flar-section", ".tmp")
                    : Files.createTempFile(tempDir, "flar-section", ".tmp");
            fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            memory.writeTo(fileOut);
            memory = null;
        }
        if (memory != null) {
            memory.write(b, off, len);
        } else {
            fileOut.write(b, off, len);
        }
    }

    void finish() throws IOException {
        if (fileOut != null) {
            fileOut.close();
            fileOut = null;
        }
        sha256 = HexFormat.of().formatHex(md.digest());
    }

    String sha256() {
        return sha256;
    }

    long size() {
        return size;
    }

    InputStream open() throws IOException {
        return memory != null ? new ByteArrayInputStream(memory.toByteArray()) : Files.newInputStream(file);
    }

    byte[] bytes() throws IOException {
        if (memory != null) {
            return memory.toByteArray();
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("section of " + size + " bytes is too large for one array; stream it");
        }
        return Files.readAllBytes(file);
    }

    @Override
    public void close() throws IOException {
        if (fileOut != null) {
            fileOut.close();
            fileOut = null;
        }
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
