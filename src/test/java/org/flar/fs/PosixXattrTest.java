package org.flar.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flar.fs.Commands.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extended attributes read and written by Posix, checked against setfattr, setcap and getfattr. */
class PosixXattrTest {
    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void createFile() throws IOException {
        file = Files.writeString(dir.resolve("file"), "content");
    }

    @Test
    void readsWhatSetfattrAndSetcapWrote() throws IOException {
        Commands.assumeRoot();
        run("setfattr", "-n", "user.plain", "-v", "hello", file.toString());
        run("setfattr", "-n", "trusted.binary", "-v", "0x00ff1000", file.toString());
        run("setfattr", "-n", "user.empty", file.toString());
        run("setcap", "cap_net_raw+ep", file.toString());

        assertThat(Posix.listXattrs(file))
                .containsExactlyInAnyOrder("user.plain", "trusted.binary", "user.empty", "security.capability");
        assertThat(readAll(file)).isEqualTo(getfattr(file));
        assertThat(Posix.getXattr(file, "trusted.binary")).containsExactly(0x00, 0xff, 0x10, 0x00);
    }

    @Test
    void writesBinaryValuesThatGetfattrReads() throws IOException {
        byte[] value = {0, 'a', (byte) 0xff, 0, 0x7f, (byte) 0x80};
        Posix.setXattr(file, "user.binary", value);
        Posix.setXattr(file, "user.empty", new byte[0]);
        assertThat(getfattr(file)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "user.binary", "0061ff007f80",
                "user.empty", ""));
        assertThat(Posix.getXattr(file, "user.binary")).isEqualTo(value);
        assertThat(Posix.getXattr(file, "user.empty")).isEmpty();
    }

    @Test
    void listsNamesLongerTogetherThanTheFirstBufferAndAShortListAfterThem() throws IOException {
        // The first llistxattr goes into a per-thread buffer of 1 KiB: a longer list is sized and
        // read again, and the buffer serves the next, shorter list exactly.
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String n = "user." + String.valueOf((char) ('a' + i)).repeat(120);
            Posix.setXattr(file, n, new byte[] {(byte) i});
            names.add(n);
        }
        Path small = Files.writeString(dir.resolve("small"), "s");
        Posix.setXattr(small, "user.s", new byte[] {1});
        assertThat(Posix.listXattrs(file)).containsExactlyInAnyOrderElementsOf(names);
        assertThat(Posix.listXattrs(small)).containsExactly("user.s");
        assertThat(Posix.listXattrs(file)).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void setReplacesAndRemoveDeletes() throws IOException {
        Posix.setXattr(file, "user.x", new byte[] {1});
        Posix.setXattr(file, "user.x", new byte[] {2, 3});
        assertThat(Posix.getXattr(file, "user.x")).containsExactly(2, 3);
        Posix.removeXattr(file, "user.x");
        assertThat(Posix.listXattrs(file)).doesNotContain("user.x");
    }

    @Test
    void valuesLargerThanTheFirstBufferAreReadWhole() throws IOException {
        byte[] big = new byte[3000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        Posix.setXattr(file, "user.big", big);
        assertThat(Posix.getXattr(file, "user.big")).isEqualTo(big);
        assertThat(getfattr(file)).containsEntry("user.big", HexFormat.of().formatHex(big));
    }

    @Test
    void listsLongerThanTheFirstBufferAreReadWhole() throws IOException {
        for (int i = 0; i < 40; i++) {
            run("setfattr", "-n", "user." + "n".repeat(30) + i, "-v", "1", file.toString());
        }
        assertThat(Posix.listXattrs(file)).hasSize(40).containsAll(getfattr(file).keySet());
    }

    @Test
    void doesNotFollowSymlinks() throws IOException {
        run("setfattr", "-n", "user.target", "-v", "t", file.toString());
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        assertThat(Posix.listXattrs(link)).doesNotContain("user.target");
        assertThatThrownBy(() -> Posix.getXattr(link, "user.target"))
                .isInstanceOfSatisfying(PosixException.class,
                        e -> assertThat(e.errno()).isEqualTo(PosixException.ENODATA));
    }

    @Test
    void readsAttributesOfTheSymlinkItself() throws IOException {
        Commands.assumeRoot();
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        run("setfattr", "-h", "-n", "trusted.onlink", "-v", "L", link.toString());
        assertThat(Posix.listXattrs(link)).contains("trusted.onlink");
        assertThat(Posix.listXattrs(file)).doesNotContain("trusted.onlink");
        Posix.setXattr(link, "trusted.second", new byte[] {9});
        assertThat(getfattr(link)).containsEntry("trusted.second", "09");
    }

    @Test
    void failureNamesCallPathAttributeAndReason() throws IOException {
        // The kernel refuses user.* on symlinks: a failure every user can provoke.
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        assertThatThrownBy(() -> Posix.setXattr(link, "user.x", new byte[] {1}))
                .isInstanceOfSatisfying(PosixException.class, e -> {
                    assertThat(e.errno()).isEqualTo(PosixException.EPERM);
                    assertThat(e.getFile()).isEqualTo(link.toString());
                })
                .hasMessage("lsetxattr " + link + " user.x: Operation not permitted");
        assertThatThrownBy(() -> Posix.getXattr(file, "user.none"))
                .hasMessage("lgetxattr " + file + " user.none: No data available");
        assertThatThrownBy(() -> Posix.removeXattr(file, "user.none"))
                .hasMessage("lremovexattr " + file + " user.none: No data available");
    }

    @Test
    void missingFileIsNoSuchFile() {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> Posix.listXattrs(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessage("llistxattr " + missing + ": No such file or directory");
        assertThatThrownBy(() -> Posix.setXattr(missing, "user.a", new byte[1]))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void refusesNamesTheKernelCannotTake() {
        assertThatThrownBy(() -> Posix.getXattr(file, "user.a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Posix.setXattr(file, "", new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, String> readAll(Path p) throws IOException {
        Map<String, String> values = new TreeMap<>();
        for (String name : Posix.listXattrs(p)) {
            values.put(name, HexFormat.of().formatHex(Posix.getXattr(p, name)));
        }
        return values;
    }

    /** name to lowercase hex value, as {@code getfattr -e hex} dumps every namespace of the path itself. */
    static Map<String, String> getfattr(Path p) {
        Map<String, String> values = new TreeMap<>();
        for (String line : run("getfattr", "-h", "-d", "-m", "-", "-e", "hex", p.toString()).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                values.put(line, "");
            } else {
                values.put(line.substring(0, eq), line.substring(eq + 1).replaceFirst("^0x", "").toLowerCase());
            }
        }
        return values;
    }
}
