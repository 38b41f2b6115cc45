package org.flar.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flar.fs.Commands.nanos;
import static org.flar.fs.Commands.run;
import static org.flar.fs.Commands.stat;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** lstat against stat(1), for every kind of file; error reporting; isRoot. */
class PosixTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"file", "empty", "hardlink", "dir", "symlink", "dangling", "fifo", "socket", "utf8-é€"})
    void lstatAgreesWithStat(String kind) throws Exception {
        Path p = make(kind);
        assertAgreesWithStat(p);
    }

    private Path make(String kind) throws IOException {
        Path p = dir.resolve(kind);
        switch (kind) {
            case "empty" -> Files.createFile(p);
            case "hardlink" -> Files.createLink(p, make("file"));
            case "dir" -> Files.createDirectory(p);
            case "symlink" -> Files.createSymbolicLink(p, make("file"));
            case "dangling" -> Files.createSymbolicLink(p, Path.of("nowhere/at/all"));
            case "fifo" -> run("mkfifo", p.toString());
            case "socket" -> {
                try (ServerSocketChannel s = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
                    s.bind(UnixDomainSocketAddress.of(p));
                }
            }
            default -> {
                Files.writeString(p, "hello, world\n");
                run("touch", "-h", "-d", "2021-02-03 04:05:06.123456789", p.toString());
            }
        }
        return p;
    }

    @Test
    void devNullIsCharacterDeviceOneThree() throws IOException {
        FileStat st = Posix.lstat(Path.of("/dev/null"));
        assertThat(st.fileType()).isEqualTo(FileStat.S_IFCHR);
        assertThat(st.rdevMajor()).isEqualTo(1);
        assertThat(st.rdevMinor()).isEqualTo(3);
        assertAgreesWithStat(Path.of("/dev/null"));
    }

    @Test
    void blockDeviceAgreesWithStat() throws IOException {
        Commands.assumeRoot();
        Path p = dir.resolve("blk");
        // A large major and minor check the dev_t encoding beyond its low bytes.
        run("mknod", p.toString(), "b", "259", "300000");
        FileStat st = Posix.lstat(p);
        assertThat(st.fileType()).isEqualTo(FileStat.S_IFBLK);
        assertThat(st.rdevMajor()).isEqualTo(259);
        assertThat(st.rdevMinor()).isEqualTo(300000);
        assertAgreesWithStat(p);
    }

    @Test
    void hardlinkCountAndInodeAreShared() throws IOException {
        Path a = make("file");
        Path b = Files.createLink(dir.resolve("b"), a);
        FileStat sa = Posix.lstat(a);
        FileStat sb = Posix.lstat(b);
        assertThat(sa.nlink()).isEqualTo(2);
        assertThat(sb.ino()).isEqualTo(sa.ino());
        assertThat(sb.dev()).isEqualTo(sa.dev());
    }

    @Test
    void symlinkIsNotFollowed() throws IOException {
        Path link = make("symlink");
        FileStat st = Posix.lstat(link);
        assertThat(st.isSymlink()).isTrue();
        assertThat(st.size()).isEqualTo(dir.resolve("file").toString().length());
    }

    @Test
    void missingFileIsNoSuchFileExceptionWithCallAndPath() {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> Posix.lstat(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage("lstat " + missing + ": No such file or directory")
                .satisfies(e -> assertThat(((NoSuchFileException) e).getFile()).isEqualTo(missing.toString()));
    }

    @Test
    void notADirectoryKeepsErrno() throws IOException {
        Path p = make("file").resolve("below");
        assertThatThrownBy(() -> Posix.lstat(p))
                .isInstanceOfSatisfying(PosixException.class, e -> assertThat(e.errno()).isEqualTo(20))
                .hasMessage("lstat " + p + ": Not a directory");
    }

    @Test
    void isRootMatchesId() {
        assertThat(Posix.isRoot()).isEqualTo(run("id", "-u").strip().equals("0"));
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectory() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        Path relative = cwd.relativize(make("file").toAbsolutePath());
        assertThat(Posix.lstat(relative).ino()).isEqualTo(Posix.lstat(dir.resolve("file")).ino());
    }

    static void assertAgreesWithStat(Path p) throws IOException {
        FileStat st = Posix.lstat(p);
        String[] s = stat("%f %u %g %s %b %.9Y %.9Z %i %h %t %T %d", p).split(" ");
        assertThat(st.mode()).as("mode").isEqualTo(Integer.parseInt(s[0], 16));
        assertThat(st.uid()).as("uid").isEqualTo(Integer.parseInt(s[1]));
        assertThat(st.gid()).as("gid").isEqualTo(Integer.parseInt(s[2]));
        assertThat(st.size()).as("size").isEqualTo(Long.parseLong(s[3]));
        assertThat(st.blocks()).as("blocks").isEqualTo(Long.parseLong(s[4]));
        assertThat(st.mtimeNanos()).as("mtime").isEqualTo(nanos(s[5]));
        assertThat(st.ctimeNanos()).as("ctime").isEqualTo(nanos(s[6]));
        assertThat(st.ino()).as("ino").isEqualTo(Long.parseUnsignedLong(s[7]));
        assertThat(st.nlink()).as("nlink").isEqualTo(Long.parseLong(s[8]));
        assertThat(st.rdevMajor()).as("rdev major").isEqualTo(Integer.parseInt(s[9], 16));
        assertThat(st.rdevMinor()).as("rdev minor").isEqualTo(Integer.parseInt(s[10], 16));
        assertThat(st.dev()).as("dev").isEqualTo(Long.parseUnsignedLong(s[11]));
    }
}
