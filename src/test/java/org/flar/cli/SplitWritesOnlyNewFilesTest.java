package org.flar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flar.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flar split -d DIR} writes only regular files it creates itself: a symlink planted in
 * DIR under a section's name, dangling or not, is never written through, with or without -f.
 */
class SplitWritesOnlyNewFilesTest {
    private static final Path ARCHIVE = Path.of("src/test/resources/hostile/good-reference.flar");

    @TempDir
    Path dir;

    @Test
    void aDanglingLinkUnderASectionNameIsNotFollowed() throws IOException {
        Path parts = Files.createDirectories(dir.resolve("parts"));
        Path elsewhere = dir.resolve("elsewhere");
        Files.createSymbolicLink(parts.resolve("manifest"), elsewhere);

        Cli r = Cli.run("split", "-d", parts.toString(), ARCHIVE.toString());

        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().contains("manifest").contains("exists");
        assertThat(elsewhere).doesNotExist();
        assertThat(Files.isSymbolicLink(parts.resolve("manifest"))).isTrue();
    }

    @Test
    void forceReplacesNeitherALinkNorWhatItPointsTo() throws IOException {
        Path parts = Files.createDirectories(dir.resolve("parts"));
        Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
        Files.createSymbolicLink(parts.resolve("manifest"), victim);

        Cli r = Cli.run("split", "-f", "-d", parts.toString(), ARCHIVE.toString());

        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(r.err()).contains("not a regular file");
        assertThat(Files.readString(victim)).isEqualTo("precious\n");
        assertThat(Files.isSymbolicLink(parts.resolve("manifest"))).isTrue();
    }

    @Test
    void forceReplacesARegularFileByRenamingANewOneOverIt() throws IOException {
        Path parts = Files.createDirectories(dir.resolve("parts"));
        Path old = Files.writeString(parts.resolve("manifest"), "old content\n");
        Path hardlinkToOld = Files.createLink(dir.resolve("same-inode"), old);

        Cli.ok("split", "-f", "-d", parts.toString(), ARCHIVE.toString());

        assertThat(Files.readString(parts.resolve("manifest"))).startsWith(". type=dir ");
        // Renamed over, not rewritten in place: another name of the old file keeps the old content.
        assertThat(Files.readString(hardlinkToOld)).isEqualTo("old content\n");
        try (Stream<Path> files = Files.list(parts)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("cookie", "identification", "manifest", "archive");
        }
        assertThat(Files.isRegularFile(parts.resolve("archive"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void aDamagedPayloadLeavesNoArchiveFile() throws IOException {
        Path parts = dir.resolve("parts");
        Cli r = Cli.run("split", "-d", parts.toString(), "src/test/resources/hostile/flipped-content-byte.flar");
        assertThat(r.code()).as(r.describe()).isEqualTo(4);
        assertThat(parts.resolve("archive")).doesNotExist();
    }
}
