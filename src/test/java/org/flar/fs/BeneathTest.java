package org.flar.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one guard every step writes through: each case with openat2 and with the lstat walk older kernels get. */
class BeneathTest {
    @TempDir
    Path dir;
    Path root;
    Path outside;

    @BeforeEach
    void tree() throws Exception {
        root = Files.createDirectories(dir.resolve("root"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(root.resolve("etc/ssh"));
        Files.createSymbolicLink(root.resolve("abs"), outside);
        Files.createSymbolicLink(root.resolve("rel"), Path.of("../outside"));
        Files.createSymbolicLink(root.resolve("etc/inner"), Path.of("ssh"));
        Files.writeString(root.resolve("file"), "x");
    }

    @AfterEach
    void restore() {
        Beneath.walkOnly(false);
    }

    @ParameterizedTest(name = "walk only: {0}")
    @ValueSource(booleans = {false, true})
    void aSymlinkOrFileOnTheWayIsRefusedWhereverItPoints(boolean walk) throws Exception {
        Beneath.walkOnly(walk);
        try (Beneath b = Beneath.open(root)) {
            for (String bad : new String[] {"abs/x", "rel/x", "etc/inner/x", "file/x", "abs/deeper/x"}) {
                assertThatThrownBy(() -> b.resolve(bad)).as(bad).isInstanceOf(UnsafePathException.class)
                        .hasMessageContaining("nothing is written through it");
            }
            assertThat(b.resolve("etc/ssh/key")).isEqualTo(root.toRealPath().resolve("etc/ssh/key"));
            assertThat(b.resolve("missing/x")).isEqualTo(root.toRealPath().resolve("missing/x"));
            assertThat(b.resolve("abs")).as("the last component is the caller's to act on without following")
                    .isEqualTo(root.toRealPath().resolve("abs"));
            assertThat(b.isDirectory("etc/ssh")).isTrue();
            assertThat(b.isDirectory("etc/inner")).isFalse();
            assertThat(b.isDirectory("abs")).isFalse();
            assertThat(b.isDirectory("missing")).isFalse();
        }
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void namesThatLeaveTheRootAreRefused() throws Exception {
        try (Beneath b = Beneath.open(root)) {
            for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "a//b", "a/./b", "", "a/\0b", ".."}) {
                assertThatThrownBy(() -> b.resolve(bad)).as(bad).isInstanceOf(UnsafePathException.class);
            }
        }
    }

    @Test
    void makesMissingDirectoriesButNeverThroughALink() throws Exception {
        try (Beneath b = Beneath.open(root)) {
            assertThat(b.makeDirectories("etc/a/b", 0750)).containsExactly(root.toRealPath().resolve("etc/a"),
                    root.toRealPath().resolve("etc/a/b"));
            assertThat(Posix.lstat(root.resolve("etc/a/b")).permissions()).isEqualTo(0750);
            assertThatThrownBy(() -> b.makeDirectories("abs/made", 0755)).isInstanceOf(UnsafePathException.class);
        }
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void theRootMustBeADirectory() throws Exception {
        assertThatThrownBy(() -> Beneath.open(root.resolve("file"))).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("not a directory");
        assertThatThrownBy(() -> Beneath.open(root.resolve("missing"))).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void theRootIsHeldByDescriptorOnceOpened() throws Exception {
        try (Beneath b = Beneath.open(root)) {
            // Whatever the path names later, checks keep asking the directory that was opened.
            Files.move(root, dir.resolve("moved"));
            Files.createSymbolicLink(root, outside);
            assertThat(b.isDirectory("etc/ssh")).isTrue();
        }
    }

    @Test
    void twoDeploymentsCannotLockOneTarget() throws Exception {
        try (Beneath first = Beneath.open(root); Beneath second = Beneath.open(root)) {
            first.lockExclusively();
            assertThatThrownBy(second::lockExclusively).hasMessageContaining("another flar deployment");
        }
        try (Beneath again = Beneath.open(root)) {
            again.lockExclusively();
        }
    }
}
