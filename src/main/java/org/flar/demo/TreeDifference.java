package org.flar.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.capture.Capture;
import org.flar.capture.CaptureOptions;
import org.flar.format.FlashArchiveReader;
import org.flar.format.PayloadFormat;
import org.flar.format.compress.Compression;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;
import org.flar.progress.Progress;

/**
 * Whether two trees are the same to flar: each is captured and the two manifests (type, mode,
 * owner, nanosecond mtime, size, SHA-256, link target, device numbers, xattr names and values'
 * checksum, for every entry) are compared line by line, and the block counts of sparse files
 * too, since holes are not in the manifest. The tests use independent tools instead.
 */
public final class TreeDifference {
    private TreeDifference() {
    }

    public static List<String> between(Path expected, Path actual, Path work) throws IOException {
        List<String> a = manifestLines(expected, work.resolve("expected.flar"));
        List<String> b = manifestLines(actual, work.resolve("actual.flar"));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()) && out.size() < 20; i++) {
            String x = i < a.size() ? a.get(i) : "(nothing)";
            String y = i < b.size() ? b.get(i) : "(nothing)";
            if (!x.equals(y)) {
                out.add("expected " + x + "\n      found    " + y);
            }
        }
        for (String line : a) {
            String path = line.substring(0, line.indexOf(' '));
            if (line.contains(" type=file ") && !path.contains("\\")) {
                FileStat e = Posix.lstat(expected.resolve(path));
                if (e.mayBeSparse()) {
                    FileStat f = Posix.lstat(actual.resolve(path));
                    if (f.blocks() != e.blocks()) {
                        out.add(path + ": " + e.blocks() + " blocks expected, " + f.blocks() + " found (holes lost)");
                    }
                }
            }
        }
        return out;
    }

    private static List<String> manifestLines(Path root, Path archive) throws IOException {
        CaptureOptions options = CaptureOptions.builder(root, "compare").compression(Compression.NONE, -1).build();
        try (OutputStream out = Files.newOutputStream(archive)) {
            new Capture(options, Progress.NONE).run(out, archive);
        }
        try (InputStream in = Files.newInputStream(archive);
             FlashArchiveReader reader = FlashArchiveReader.open(in, archive.toString())) {
            return new String(reader.section("manifest"), StandardCharsets.UTF_8).lines().toList();
        } finally {
            Files.deleteIfExists(archive);
        }
    }
}
