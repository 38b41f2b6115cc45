package org.flar.identity.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** os-release as os-release(5) writes it, read only from the root itself. */
class OsReleaseTest {
    private Path dir;

    @BeforeEach
    void scratch() {
        dir = Tools.scratchDir("os-release");
    }

    @AfterEach
    void cleanUp() {
        Tools.deleteTree(dir);
    }

    @Test
    void quotesAndEscapesAreShellStyle() {
        Map<String, String> v = OsRelease.parse("""
                # a comment
                NAME="Debian GNU/Linux"
                VERSION_ID='12'

                PRETTY_NAME="say \\"hi\\" \\$x \\n"
                ID=debian
                HOME_URL=https://www.debian.org/
                ESCAPED=a\\ b
                not a line
                 ID_LIKE="rhel fedora"\r
                ID=Debian
                """);
        assertThat(v).containsEntry("NAME", "Debian GNU/Linux").containsEntry("VERSION_ID", "12")
                .containsEntry("PRETTY_NAME", "say \"hi\" $x \\n").containsEntry("HOME_URL", "https://www.debian.org/")
                .containsEntry("ESCAPED", "a b").containsEntry("ID_LIKE", "rhel fedora").containsEntry("ID", "Debian")
                .hasSize(7);
    }

    @Test
    void etcFirstThenUsrLibNeverThroughALink() throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("usr/lib"));
        assertThat(OsRelease.read(root)).isNull();

        Files.writeString(root.resolve("usr/lib/os-release"), "ID=\"OmniOS\"\n");
        Path outside = dir.resolve("host-os-release");
        Files.writeString(outside, "ID=host\n");
        Files.createSymbolicLink(root.resolve("etc/os-release"), outside);
        OsRelease r = OsRelease.read(root);
        assertThat(r.file()).isEqualTo("usr/lib/os-release");
        assertThat(r.id()).isEqualTo("omnios");
        assertThat(OsFamily.detect(root)).isEqualTo("solaris");

        Files.delete(root.resolve("etc/os-release"));
        Files.writeString(root.resolve("etc/os-release"), "ID=debian\nNAME=Debian\n");
        assertThat(OsRelease.read(root).values()).containsExactly(Map.entry("ID", "debian"), Map.entry("NAME", "Debian"));
        assertThat(OsFamily.detect(root)).isEqualTo("linux");
    }

    @Test
    void aLinkedDirectoryOnTheWayIsNotTheRoots() throws Exception {
        Path root = dir.resolve("root");
        Path elsewhere = dir.resolve("elsewhere/lib");
        Files.createDirectories(root.resolve("usr"));
        Files.createDirectories(elsewhere);
        Files.writeString(elsewhere.resolve("os-release"), "ID=host\n");
        Files.createSymbolicLink(root.resolve("usr/lib"), elsewhere);
        assertThat(OsRelease.read(root)).isNull();
        assertThat(OsRelease.read(dir.resolve("missing"))).isNull();
    }
}
