package org.flar.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Plants one entry of every kind flar must carry, under {@code ROOT/planted}, with the real
 * tools (truncate, dd, setcap, setfacl, setfattr, mknod, mkfifo, chown, chmod, touch), so a
 * fidelity test can capture ROOT, deploy it and compare.
 *
 * <p>What is planted, relative to {@code ROOT/planted}:
 * <ul>
 * <li>{@code files/}: {@code empty} (0 bytes), {@code hello.txt}, {@code random-1MiB}.
 * <li>{@code sparse/}: {@code 5GiB-data-past-4GiB} (4 KiB of data at 0, 64 KiB at 4 GiB + 1 MiB,
 *     hole to the end; also carries a user xattr), {@code ends-in-hole} (8 KiB data, 1 MiB
 *     size), {@code starts-with-hole} (1 MiB hole, then 4 KiB), {@code all-hole} (1 MiB, no
 *     data).
 * <li>{@code caps/}: {@code net-raw-admin} (copy of /bin/true, {@code cap_net_raw,cap_net_admin+ep});
 *     {@code odd-owner} (owned 12345:54321, {@code cap_net_bind_service+ep}: a deployer that
 *     chowns after setting xattrs loses it, as chown clears security.capability).
 * <li>{@code acl/}: {@code file} (named user 12345 and group 54321, mask), {@code dir} (access
 *     and default ACLs), {@code dir/inherited} (created under the default ACL),
 *     {@code default-only} (a directory with only a default ACL).
 * <li>{@code xattr/}: {@code file} with {@code user.binary} (NUL, 0xff, CR, LF bytes),
 *     {@code user.text}, {@code user.empty} (empty value), {@code user.large} (2000 bytes),
 *     {@code trusted.binary} and, when the kernel allows it, {@code security.flar-test};
 *     {@code dir} with user and trusted xattrs; {@code symlink} with a trusted xattr on the
 *     link itself (user.* is not allowed on symlinks).
 * <li>{@code dev/}: {@code char-1-3} (c 1 3), {@code block-7-0} (b 7 0), {@code char-511-70000}
 *     (numbers that need the new dev_t encoding), {@code fifo} (with a trusted xattr).
 * <li>{@code links/}: {@code hard-1}, {@code hard-2}, {@code sub/hard-3}: three names of one inode
 *     (owned 12345:54321, with a user xattr); symlinks {@code relative} (to ../files/hello.txt),
 *     {@code absolute} (/etc/hostname), {@code dangling}, {@code to-dir} (../files),
 *     {@code loop} (to itself), {@code odd-owner} (symlink owned 12345:54321).
 * <li>{@code modes/}: {@code setuid} (04755), {@code setgid} (02755 file), {@code setgid-dir}
 *     (02775), {@code sticky-dir} (01777), {@code no-permissions} (0000),
 *     {@code read-only-dir} (0555, with a file inside: a deployer must chmod it after filling it).
 * <li>{@code owners/}: {@code odd} (12345:54321), {@code big-ids} (4000000:4000001, past the
 *     ustar header's 7 octal digits), {@code odd-dir} (a directory owned 12345:54321).
 * <li>{@code names/}: names with a space, a tab, a newline, a backslash and comma, a leading
 *     dash, a leading {@code #}, a trailing space, {@code naïve 日本語}, a 250-character ASCII
 *     name, an 80-character CJK name (240 bytes); and {@code deep/} nesting to a path of more
 *     than 400 bytes.
 * <li>{@code times/}: {@code ns-file}, {@code ns-dir}, {@code ns-symlink} (mtime of the link
 *     itself) with nanosecond mtimes, {@code pre-1970} (1969-07-20 20:17:40.25 UTC, a negative
 *     time with a fraction), {@code far-future} (2100, past 2038).
 * </ul>
 * Every directory under {@code planted} (and {@code planted} itself) gets a distinct nanosecond
 * mtime, set last and deepest first, because creating an entry changes its parent's mtime.
 * ROOT's own mtime is left as creating {@code planted} made it.
 */
public final class PlantedTree {
    public static final String DIR = "planted";
    public static final String SPARSE_5G = DIR + "/sparse/5GiB-data-past-4GiB";
    public static final String SPARSE_ENDS_IN_HOLE = DIR + "/sparse/ends-in-hole";
    public static final String RANDOM_1M = DIR + "/files/random-1MiB";
    public static final String HELLO = DIR + "/files/hello.txt";
    public static final String CAPS = DIR + "/caps/net-raw-admin";
    public static final String ACL_FILE = DIR + "/acl/file";
    public static final String ACL_DIR = DIR + "/acl/dir";
    public static final String XATTR_FILE = DIR + "/xattr/file";
    public static final String NS_FILE = DIR + "/times/ns-file";
    public static final String NS_DIR = DIR + "/times/ns-dir";
    public static final String NS_SYMLINK = DIR + "/times/ns-symlink";
    public static final String HARD_1 = DIR + "/links/hard-1";
    public static final String HARD_3 = DIR + "/links/sub/hard-3";
    public static final String UTF8_NAME = DIR + "/names/naïve 日本語";

    /** The value of {@code user.binary} on {@link #XATTR_FILE}, as setfattr takes it. */
    public static final String USER_BINARY_HEX = "0x00ff00fe0a0d0900";

    private static final List<String> TOOLS = List.of("truncate", "dd", "setfacl", "setfattr", "setcap",
            "mknod", "mkfifo", "chown", "chmod", "touch", "ln", "cp", "mkdir");

    private final Path root;
    private final List<String> dirs = new ArrayList<>();

    private PlantedTree(Path root) {
        // Absolute, so that no argument starts with '-' (names/-leading-dash).
        this.root = root.toAbsolutePath();
    }

    /** Plants everything listed above under {@code root/planted}; needs root and the tools. */
    public static void plant(Path root) {
        Tools.requireRoot();
        TOOLS.forEach(Tools::requireTool);
        // Java encodes file names in arguments with the locale's charset: under POSIX the
        // UTF-8 names would be planted as '?'.
        Charset jnu = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        if (!jnu.equals(StandardCharsets.UTF_8)) {
            throw new AssertionError("run the tests with a UTF-8 locale (scripts/test sets one); sun.jnu.encoding is " + jnu);
        }
        new PlantedTree(root).plantAll();
    }

    private void plantAll() {
        mkdir(DIR);
        files();
        sparse();
        acls();
        xattrs();
        devices();
        links();
        modes();
        owners();
        names();
        // Capabilities after owners: chown clears security.capability.
        caps();
        times();
        directoryTimes();
    }

    private void files() {
        mkdir(DIR + "/files");
        sh("touch", p(DIR + "/files/empty"));
        write(HELLO, "hello, flar\n");
        sh("dd", "if=/dev/urandom", "of=" + p(RANDOM_1M), "bs=1M", "count=1", "iflag=fullblock", "status=none");
    }

    private void sparse() {
        mkdir(DIR + "/sparse");
        String big = p(SPARSE_5G);
        sh("truncate", "-s", "5G", big);
        randomBlocks(big, 0, 1);
        // 4 GiB + 1 MiB in 4 KiB blocks: data past the 32-bit offset limit.
        randomBlocks(big, 1_048_576 + 256, 16);
        sh("setfattr", "-n", "user.sparse", "-v", "0x0102", big);

        String tail = p(SPARSE_ENDS_IN_HOLE);
        randomBlocks(tail, 0, 2);
        sh("truncate", "-s", "1M", tail);

        String head = p(DIR + "/sparse/starts-with-hole");
        randomBlocks(head, 256, 1);

        sh("truncate", "-s", "1M", p(DIR + "/sparse/all-hole"));
    }

    private void caps() {
        mkdir(DIR + "/caps");
        sh("cp", "/bin/true", p(CAPS));
        sh("setcap", "cap_net_raw,cap_net_admin+ep", p(CAPS));
        String odd = p(DIR + "/caps/odd-owner");
        sh("cp", "/bin/true", odd);
        sh("chown", "12345:54321", odd);
        sh("setcap", "cap_net_bind_service+ep", odd);
    }

    private void acls() {
        mkdir(DIR + "/acl");
        sh("touch", p(ACL_FILE));
        sh("setfacl", "-m", "u:12345:rw-,g:54321:r--,m::rw-", p(ACL_FILE));
        mkdir(ACL_DIR);
        sh("setfacl", "-m", "u:12345:rwx,g:54321:r-x", p(ACL_DIR));
        sh("setfacl", "-d", "-m", "u:12345:r-x,g:54321:rwx,o::---", p(ACL_DIR));
        sh("touch", p(ACL_DIR + "/inherited"));
        mkdir(DIR + "/acl/default-only");
        sh("setfacl", "-d", "-m", "u:12345:rwx", p(DIR + "/acl/default-only"));
    }

    private void xattrs() {
        mkdir(DIR + "/xattr");
        String f = p(XATTR_FILE);
        sh("touch", f);
        sh("setfattr", "-n", "user.binary", "-v", USER_BINARY_HEX, f);
        sh("setfattr", "-n", "user.text", "-v", "plain text", f);
        sh("setfattr", "-n", "user.empty", f);
        sh("setfattr", "-n", "user.large", "-v", "0x" + "a5".repeat(2000), f);
        sh("setfattr", "-n", "trusted.binary", "-v", "0xdeadbeef00010203", f);
        // Some LSMs refuse unknown security.* names; the rest of the tree is still worth planting.
        Tools.exec(List.of("setfattr", "-n", "security.flar-test", "-v", "0x00ff7f80", f), null);
        mkdir(DIR + "/xattr/dir");
        sh("setfattr", "-n", "user.dir", "-v", "0x01", p(DIR + "/xattr/dir"));
        sh("setfattr", "-n", "trusted.dir", "-v", "0x02", p(DIR + "/xattr/dir"));
        sh("ln", "-s", "file", p(DIR + "/xattr/symlink"));
        sh("setfattr", "-h", "-n", "trusted.on-symlink", "-v", "0x00", p(DIR + "/xattr/symlink"));
    }

    private void devices() {
        mkdir(DIR + "/dev");
        sh("mknod", p(DIR + "/dev/char-1-3"), "c", "1", "3");
        sh("mknod", p(DIR + "/dev/block-7-0"), "b", "7", "0");
        sh("mknod", p(DIR + "/dev/char-511-70000"), "c", "511", "70000");
        sh("mkfifo", p(DIR + "/dev/fifo"));
        sh("setfattr", "-n", "trusted.on-fifo", "-v", "0x0f", p(DIR + "/dev/fifo"));
    }

    private void links() {
        mkdir(DIR + "/links");
        mkdir(DIR + "/links/sub");
        write(HARD_1, "one inode, three names\n");
        sh("chown", "12345:54321", p(HARD_1));
        sh("setfattr", "-n", "user.hard", "-v", "0x68", p(HARD_1));
        sh("ln", p(HARD_1), p(DIR + "/links/hard-2"));
        sh("ln", p(HARD_1), p(HARD_3));
        sh("ln", "-s", "../files/hello.txt", p(DIR + "/links/relative"));
        sh("ln", "-s", "/etc/hostname", p(DIR + "/links/absolute"));
        sh("ln", "-s", "does/not/exist", p(DIR + "/links/dangling"));
        sh("ln", "-s", "../files", p(DIR + "/links/to-dir"));
        sh("ln", "-s", "loop", p(DIR + "/links/loop"));
        sh("ln", "-s", "relative", p(DIR + "/links/odd-owner"));
        sh("chown", "-h", "12345:54321", p(DIR + "/links/odd-owner"));
    }

    private void modes() {
        mkdir(DIR + "/modes");
        sh("cp", "/bin/true", p(DIR + "/modes/setuid"));
        sh("chmod", "04755", p(DIR + "/modes/setuid"));
        sh("cp", "/bin/true", p(DIR + "/modes/setgid"));
        sh("chmod", "02755", p(DIR + "/modes/setgid"));
        mkdir(DIR + "/modes/setgid-dir");
        sh("chmod", "02775", p(DIR + "/modes/setgid-dir"));
        mkdir(DIR + "/modes/sticky-dir");
        sh("chmod", "01777", p(DIR + "/modes/sticky-dir"));
        sh("touch", p(DIR + "/modes/no-permissions"));
        sh("chmod", "0000", p(DIR + "/modes/no-permissions"));
        mkdir(DIR + "/modes/read-only-dir");
        write(DIR + "/modes/read-only-dir/inside", "written before the directory became read-only\n");
        sh("chmod", "0555", p(DIR + "/modes/read-only-dir"));
    }

    private void owners() {
        mkdir(DIR + "/owners");
        sh("touch", p(DIR + "/owners/odd"));
        sh("chown", "12345:54321", p(DIR + "/owners/odd"));
        sh("touch", p(DIR + "/owners/big-ids"));
        sh("chown", "4000000:4000001", p(DIR + "/owners/big-ids"));
        mkdir(DIR + "/owners/odd-dir");
        sh("chown", "12345:54321", p(DIR + "/owners/odd-dir"));
    }

    private void names() {
        mkdir(DIR + "/names");
        for (String name : List.of("with space", "tab\there", "new\nline", "back\\slash,comma", "-leading-dash",
                "#hash", "trailing space ", "naïve 日本語", "x".repeat(250), "日本語".repeat(26) + "名前")) {
            write(DIR + "/names/" + name, name + "\n");
        }
        String deep = DIR + "/names/deep";
        mkdir(deep);
        for (int level = 1; level <= 7; level++) {
            deep += "/level-" + level + "-" + "d".repeat(52);
            mkdir(deep);
        }
        write(deep + "/leaf", "more than 400 bytes of path\n");
    }

    private void times() {
        mkdir(DIR + "/times");
        write(NS_FILE, "nanoseconds\n");
        mkdir(NS_DIR);
        sh("ln", "-s", "ns-file", p(NS_SYMLINK));
        write(DIR + "/times/pre-1970", "before the epoch\n");
        write(DIR + "/times/far-future", "after 2038\n");
        touch(NS_FILE, "2021-05-06 07:08:09.123456789");
        touch(NS_SYMLINK, "2020-02-29 12:00:00.999999999");
        touch(DIR + "/times/pre-1970", "1969-07-20 20:17:40.25");
        touch(DIR + "/times/far-future", "2100-01-01 00:00:00.000000001");
    }

    private void directoryTimes() {
        Map<String, String> chosen = Map.of(NS_DIR, "2019-01-02 03:04:05.000000001");
        List<String> deepestFirst = new ArrayList<>(dirs);
        deepestFirst.sort(Comparator.comparingLong((String d) -> d.chars().filter(c -> c == '/').count()).reversed());
        int i = 0;
        for (String dir : deepestFirst) {
            i++;
            String time = chosen.getOrDefault(dir, String.format("2022-03-04 05:06:%02d.%09d", i % 60, 100_000_000 + i * 1_001));
            touch(dir, time);
        }
    }

    private void mkdir(String rel) {
        sh("mkdir", p(rel));
        dirs.add(rel);
    }

    private void write(String rel, String content) {
        try {
            Files.writeString(root.resolve(rel), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code count} random 4 KiB blocks at block {@code seek} without truncating. */
    private void randomBlocks(String file, long seek, int count) {
        sh("dd", "if=/dev/urandom", "of=" + file, "bs=4096", "seek=" + seek, "count=" + count,
                "conv=notrunc", "iflag=fullblock", "status=none");
    }

    private void touch(String rel, String utcTime) {
        // -h: set the link's own time (and never create a dangling link's target).
        Tools.exec(List.of("touch", "-h", "-d", utcTime, "--", p(rel)), null, Map.of("TZ", "UTC"), Tools.DEFAULT_TIMEOUT)
                .check();
    }

    private String p(String rel) {
        return root.resolve(rel).toString();
    }

    private static void sh(String... cmd) {
        Tools.run(List.of(cmd), null);
    }
}
