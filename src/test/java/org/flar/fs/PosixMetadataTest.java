package org.flar.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flar.fs.Commands.nanos;
import static org.flar.fs.Commands.stat;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What deployment sets: device nodes, fifos, owners, modes and times, checked with stat(1). */
class PosixMetadataTest {
    @TempDir
    Path dir;

    @Test
    void mknodCreatesCharacterDevices() throws IOException {
        Commands.assumeRoot();
        Path p = dir.resolve("tty");
        Posix.mknod(p, FileStat.S_IFCHR | 0620, 4, 64);
        assertThat(stat("%F %t %T %a", p))
                .isEqualTo("character special file 4 40 " + Integer.toOctalString(0620 & ~Commands.umask()));
    }

    @Test
    void mknodCreatesBlockDevicesWithLargeNumbers() throws IOException {
        Commands.assumeRoot();
        Path p = dir.resolve("nvme");
        Posix.mknod(p, FileStat.S_IFBLK | 0600, 259, 300000);
        assertThat(stat("%F %t %T", p)).isEqualTo("block special file 103 493e0");
        FileStat st = Posix.lstat(p);
        assertThat(st.rdevMajor()).isEqualTo(259);
        assertThat(st.rdevMinor()).isEqualTo(300000);
    }

    @Test
    void mknodRefusesOtherTypesAndExistingPaths() throws IOException {
        Path existing = Files.createFile(dir.resolve("f"));
        assertThatThrownBy(() -> Posix.mknod(dir.resolve("x"), FileStat.S_IFREG | 0644, 1, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Posix.mknod(dir.resolve("x"), FileStat.S_IFCHR | 0644, 4096, 0))
                .isInstanceOf(IllegalArgumentException.class);
        if (Posix.isRoot()) {
            assertThatThrownBy(() -> Posix.mknod(existing, FileStat.S_IFCHR | 0644, 1, 3))
                    .isInstanceOf(FileAlreadyExistsException.class)
                    .hasMessage("mknod " + existing + ": File exists");
        }
    }

    @Test
    void mkfifoCreatesAFifo() throws IOException {
        Path p = dir.resolve("pipe");
        Posix.mkfifo(p, 0640);
        assertThat(stat("%F %a", p)).isEqualTo("fifo " + Integer.toOctalString(0640 & ~Commands.umask()));
        assertThatThrownBy(() -> Posix.mkfifo(p, 0640)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void lchownChangesTheLinkNotTheTarget() throws IOException {
        Commands.assumeRoot();
        Path target = Files.createFile(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        String before = stat("%u %g", target);
        Posix.lchown(link, 1234, 5678);
        assertThat(stat("%u %g", link)).isEqualTo("1234 5678");
        assertThat(stat("%u %g", target)).isEqualTo(before);
        Posix.lchown(link, -1, 42);
        assertThat(stat("%u %g", link)).isEqualTo("1234 42");
    }

    @ParameterizedTest
    @ValueSource(ints = {04755, 02755, 01777, 0, 07777})
    void chmodKeepsSpecialBits(int mode) throws IOException {
        Path file = Files.createFile(dir.resolve("file"));
        Path sub = Files.createDirectory(dir.resolve("sub"));
        for (Path p : new Path[] {file, sub}) {
            Posix.chmod(p, mode);
            assertThat(stat("%a", p)).as(p.toString()).isEqualTo(Integer.toOctalString(mode));
            assertThat(Posix.lstat(p).permissions()).isEqualTo(mode);
        }
        Posix.chmod(sub, 0755); // so that @TempDir can clean up
    }

    @Test
    void chmodRefusesTypeBits() {
        assertThatThrownBy(() -> Posix.chmod(dir, FileStat.S_IFDIR | 0755)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "dir", "symlink"})
    void setTimesWithNanoseconds(String kind) throws IOException {
        Path target = Files.createFile(dir.resolve("target"));
        Path p = switch (kind) {
            case "file" -> target;
            case "dir" -> Files.createDirectory(dir.resolve("d"));
            default -> Files.createSymbolicLink(dir.resolve("link"), target);
        };
        String targetBefore = stat("%.9X %.9Y", target);
        long atime = 1_600_000_000_123_456_789L;
        long mtime = 1_700_000_000_987_654_321L;
        Posix.setTimes(p, atime, mtime);
        assertTimes(p, atime, mtime);
        if (kind.equals("symlink")) {
            assertThat(stat("%.9X %.9Y", target)).isEqualTo(targetBefore);
        }
    }

    @Test
    void setTimesBefore1970() throws IOException {
        Path p = Files.createFile(dir.resolve("old"));
        long mtime = -1_509_389_632_876_543_211L; // 1922-03-04 05:06:07.123456789 UTC
        Posix.setTimes(p, -1, mtime);
        assertTimes(p, -1, mtime);
        assertThat(Commands.run("env", "TZ=UTC0", "stat", "-c", "%y", p.toString()).strip()).isEqualTo("1922-03-04 05:06:07.123456789 +0000");
        assertThat(stat("%.9X", p)).isEqualTo("-0.000000001");
    }

    private static void assertTimes(Path p, long atime, long mtime) throws IOException {
        String[] s = stat("%.9X %.9Y", p).split(" ");
        assertThat(nanos(s[0])).as("atime").isEqualTo(atime);
        assertThat(nanos(s[1])).as("mtime").isEqualTo(mtime);
        assertThat(Posix.lstat(p).mtimeNanos()).isEqualTo(mtime);
    }
}
