package org.flar.demo;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.flar.entry.Xattr;
import org.flar.fs.FileStat;
import org.flar.fs.Posix;

/**
 * A small system root with one of every kind of entry flar must keep: the sample the README's
 * first command captures and deploys. Generated rather than shipped, because git cannot hold
 * device nodes, holes, xattrs or owners.
 */
public final class SampleSystem {
    private static final long MTIME = 1_700_000_000_123_456_789L;

    private SampleSystem() {
    }

    /** Builds the sample under {@code root} (which must be empty or missing). Returns notes on what could not be made. */
    public static java.util.List<String> build(Path root) throws IOException {
        java.util.List<String> notes = new java.util.ArrayList<>();
        Files.createDirectories(root);
        write(root, "etc/hostname", "sample01\n");
        write(root, "etc/os-release", "NAME=\"flar sample\"\nID=flar-sample\nVERSION_ID=1\n");
        write(root, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\nweb:x:1001:1001::/srv/www:/bin/sh\n");
        write(root, "etc/group", "root:x:0:\nweb:x:1001:\n");
        write(root, "etc/motd", "Welcome to the flar sample system.\n");
        Posix.chmod(root.resolve("etc/motd"), 0644);
        byte[] random = new byte[2 << 20];
        new Random(42).nextBytes(random);
        Files.createDirectories(root.resolve("srv/www"));
        Files.write(root.resolve("srv/www/blob.bin"), random);
        write(root, "srv/www/index.html", "<h1>sample01</h1>\n");
        write(root, "srv/www/name with spaces\tand tab.txt", "odd names survive\n");
        write(root, "srv/www/naïve 日本語.txt", "UTF-8 names survive\n");
        write(root, "srv/www/" + "long-name-".repeat(22) + "end.txt", "names over 200 bytes survive\n");
        Files.createDirectories(root.resolve("usr/bin"));
        write(root, "usr/bin/ping", "#!/bin/sh\necho pretend ping\n");
        Posix.chmod(root.resolve("usr/bin/ping"), 0755);
        Posix.setXattr(root.resolve("usr/bin/ping"), "security.capability", capNetRaw());
        write(root, "usr/bin/passwd", "#!/bin/sh\n");
        Posix.chmod(root.resolve("usr/bin/passwd"), 04755);
        Files.createLink(root.resolve("usr/bin/passwd-hardlink"), root.resolve("usr/bin/passwd"));
        Files.createDirectories(root.resolve("var/tmp"));
        Posix.chmod(root.resolve("var/tmp"), 01777);
        Files.createDirectories(root.resolve("srv/shared"));
        Posix.chmod(root.resolve("srv/shared"), 02775);
        Posix.setXattr(root.resolve("srv/shared"), Xattr.ACL_ACCESS,
                acl(new int[][] {{1, 7, -1}, {2, 5, 1001}, {4, 5, -1}, {0x10, 7, -1}, {0x20, 5, -1}}));
        Posix.setXattr(root.resolve("srv/shared"), Xattr.ACL_DEFAULT,
                acl(new int[][] {{1, 7, -1}, {2, 7, 1001}, {4, 5, -1}, {0x10, 7, -1}, {0x20, 5, -1}}));
        Posix.setXattr(root.resolve("srv/www/index.html"), "user.origin", new byte[] {0, 1, 2, (byte) 0xff, 'x'});
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("var/sparse.img").toFile(), "rw")) {
            f.seek(64L << 20);
            f.write("data after a 64 MiB hole".getBytes(StandardCharsets.UTF_8));
            f.setLength(128L << 20);
        }
        Posix.symlink("../srv/www/index.html", root.resolve("etc/index-link"));
        Posix.symlink("/nonexistent/dangling", root.resolve("etc/dangling-link"));
        Posix.mkfifo(root.resolve("var/fifo"), 0640);
        Files.createDirectories(root.resolve("dev"));
        if (Posix.isRoot()) {
            Posix.mknod(root.resolve("dev/null"), FileStat.S_IFCHR | 0666, 1, 3);
            Posix.mknod(root.resolve("dev/loop7"), FileStat.S_IFBLK | 0660, 7, 7);
            Posix.chmod(root.resolve("dev/null"), 0666);
            Posix.lchown(root.resolve("srv/www"), 1001, 1001);
            Posix.lchown(root.resolve("srv/www/index.html"), 1001, 1001);
            Posix.lchown(root.resolve("etc/index-link"), 1001, 1001);
            try {
                Posix.setXattr(root.resolve("srv/www/blob.bin"), "trusted.flar-sample", new byte[] {(byte) 0x80, 0});
            } catch (IOException e) {
                notes.add("no trusted.* xattr: " + e.getMessage());
            }
        } else {
            notes.add("not root: no device nodes, no foreign owners, no trusted.* xattrs in the sample");
        }
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("tmp"));
        setTimesDeepestFirst(root);
        return notes;
    }

    private static void write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    /** VFS_CAP_REVISION_2 with cap_net_raw (bit 13) permitted and effective. */
    private static byte[] capNetRaw() {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x02000000 | 0x1).putInt(1 << 13).putInt(0).putInt(0).putInt(0);
        return b.array();
    }

    private static byte[] acl(int[][] entries) {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * entries.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(2);
        for (int[] e : entries) {
            b.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
        }
        return b.array();
    }

    private static void setTimesDeepestFirst(Path root) throws IOException {
        java.util.List<Path> all;
        try (var s = Files.walk(root)) {
            all = s.sorted(java.util.Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        }
        long t = MTIME;
        for (Path p : all) {
            Posix.setTimes(p, t, t);
            t -= 1_000_001_111L;
        }
    }
}
