package org.flar.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemFilesTest {
    @TempDir
    Path root;

    @Test
    void anFstabOfCommentsIsOverwrittenInPlaceAndItsDirectoryKeepsItsTime() throws Exception {
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("fstab"), "# UNCONFIGURED FSTAB FOR BASE SYSTEM\n");
        FileTime before = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(etc, before);
        SystemFiles.replace(root, "etc/fstab", "UUID=x / ext4 defaults 0 1\n");
        assertThat(etc.resolve("fstab")).hasContent("UUID=x / ext4 defaults 0 1");
        assertThat(etc.resolve("fstab" + SystemFiles.KEPT)).doesNotExist();
        assertThat(Files.getLastModifiedTime(etc)).isEqualTo(before);
    }

    @Test
    void anFstabWithEntriesIsKeptBesideTheNewOne() throws Exception {
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("fstab"), "/dev/sda1 / ext4 defaults 0 1\n");
        SystemFiles.replace(root, "etc/fstab", "UUID=x / ext4 defaults 0 1\n");
        assertThat(etc.resolve("fstab")).hasContent("UUID=x / ext4 defaults 0 1");
        assertThat(etc.resolve("fstab" + SystemFiles.KEPT)).hasContent("/dev/sda1 / ext4 defaults 0 1");
    }

    @Test
    void aPlantedLinkIsMovedAsideNotWrittenThrough() throws Exception {
        Path outside = Files.writeString(root.resolveSibling(root.getFileName() + "-outside"), "untouched\n");
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(etc.resolve("fstab"), outside);
        SystemFiles.replace(root, "etc/fstab", "UUID=x / ext4 defaults 0 1\n");
        assertThat(outside).hasContent("untouched");
        assertThat(Files.isSymbolicLink(etc.resolve("fstab" + SystemFiles.KEPT))).isTrue();
        assertThat(etc.resolve("fstab")).hasContent("UUID=x / ext4 defaults 0 1");
        Files.delete(outside);
    }
}
