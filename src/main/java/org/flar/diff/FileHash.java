package org.flar.diff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.flar.entry.ContentDigest;

/** SHA-256 of a file's logical content, as the manifest records it. */
final class FileHash {
    private FileHash() {
    }

    static String of(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ContentDigest digest = new ContentDigest(null, ch.size());
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            long done = 0;
            long size = ch.size();
            while (done < size) {
                buf.clear();
                int n = ch.read(buf, done);
                if (n <= 0) {
                    break;
                }
                digest.update(buf.array(), 0, n);
                done += n;
            }
            if (done != size) {
                throw new IOException(file + ": shrank while it was read");
            }
            return digest.finish();
        }
    }
}
