package org.flar.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flar.cli.Main;
import org.flar.format.FlashArchiveReader;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real mounts inside the root: a volatile tmpfs is captured empty, another file system is followed unless --one-file-system. */
class MountsIT {
    @TempDir
    Path dir;
    Path root;

    @BeforeEach
    void mountTmpfsAndAnExt2Image() throws Exception {
        Tools.requireRoot();
        Tools.requireTool("mkfs.ext2");
        root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("top.txt"), "on the root file system\n");
        Path volatileDir = Files.createDirectories(root.resolve("mnt/scratch"));
        Tools.run(List.of("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", volatileDir.toString()), dir);
        Files.writeString(volatileDir.resolve("state"), "volatile\n");
        Path image = dir.resolve("disk.img");
        Tools.run(List.of("truncate", "-s", "8M", image.toString()), dir);
        Tools.run(List.of("mkfs.ext2", "-q", "-F", image.toString()), dir);
        Path disk = Files.createDirectories(root.resolve("mnt/disk"));
        Tools.run(List.of("mount", "-o", "loop", image.toString(), disk.toString()), dir);
        Files.writeString(disk.resolve("data.txt"), "on another file system\n");
    }

    @AfterEach
    void unmount() throws Exception {
        if (root != null) {
            for (String m : List.of("mnt/scratch", "mnt/disk")) {
                Tools.exec(List.of("umount", root.resolve(m).toString()), dir, java.util.Map.of(), java.time.Duration.ofSeconds(30));
            }
        }
    }

    @Test
    void volatileMountIsCapturedEmptyAndOtherFileSystemsAreFollowed() throws Exception {
        List<String> paths = capture();
        assertThat(paths).contains("top.txt", "mnt/scratch", "mnt/disk", "mnt/disk/data.txt");
        assertThat(paths).doesNotContain("mnt/scratch/state");
    }

    @Test
    void oneFileSystemStopsAtTheMountPoint() throws Exception {
        List<String> paths = capture("--one-file-system");
        assertThat(paths).contains("top.txt", "mnt/disk").doesNotContain("mnt/disk/data.txt", "mnt/disk/lost+found");
    }

    private List<String> capture(String... extra) throws Exception {
        Path archive = dir.resolve("a.flar");
        Files.deleteIfExists(archive);
        List<String> args = new java.util.ArrayList<>(List.of("create", "-q", "-n", "m", "-R", root.toString()));
        args.addAll(List.of(extra));
        args.add(archive.toString());
        assertThat(Main.run(args.toArray(String[]::new))).isZero();
        try (var in = Files.newInputStream(archive); FlashArchiveReader r = FlashArchiveReader.open(in, "a.flar")) {
            return new String(r.section("manifest"), StandardCharsets.UTF_8).lines()
                    .map(l -> l.substring(0, l.indexOf(' '))).toList();
        }
    }
}
