package org.flar.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flar.fs.Beneath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetRootTest {
    @TempDir
    Path dir;

    @Test
    void refusesNamesThatLeaveTheRoot() throws Exception {
        TargetRoot t = new TargetRoot(Beneath.open(dir), "a.flar");
        for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "a//b", "a/./b", "", "a/\0b", ".."}) {
            assertThatThrownBy(() -> t.resolve(bad)).as(bad).isInstanceOf(UnsafeEntryException.class)
                    .hasMessageContaining("a.flar");
        }
    }

    @Test
    void refusesToWriteThroughASymlink() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        TargetRoot t = new TargetRoot(Beneath.open(root), "evil.flar");
        assertThatThrownBy(() -> t.resolve("link/passwd")).isInstanceOf(UnsafeEntryException.class)
                .hasMessageContaining("'link'").hasMessageContaining("symlink");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void createsMissingParentsAsPrivateDirectories() throws Exception {
        TargetRoot t = new TargetRoot(Beneath.open(dir), "a.flar");
        Path p = t.resolve("a/b/c");
        assertThat(p).isEqualTo(dir.resolve("a/b/c"));
        assertThat(dir.resolve("a/b")).isDirectory();
        assertThat(Files.getPosixFilePermissions(dir.resolve("a"))).hasSize(3);
    }

    @Test
    void removesWhatAKilledDeploymentLeftInTheDirectoriesItChecks() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve(".flar-4242-1"), "half");
        Files.writeString(dir.resolve("a/.flar-4242-2"), "half");
        Files.writeString(dir.resolve("a/.flar-kept"), "not ours");
        TargetRoot t = new TargetRoot(Beneath.open(dir), "a.flar");
        t.resolve("a/file");
        assertThat(dir.resolve(".flar-4242-1")).doesNotExist();
        assertThat(dir.resolve("a/.flar-4242-2")).doesNotExist();
        assertThat(dir.resolve("a/.flar-kept")).exists();
        assertThat(t.leftoversRemoved()).isEqualTo(2);
    }
}
