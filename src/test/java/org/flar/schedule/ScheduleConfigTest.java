package org.flar.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.flar.format.compress.Compression;
import org.junit.jupiter.api.Test;

class ScheduleConfigTest {

    @Test
    void theShippedExampleSaysWhatItsCommentsSay() throws Exception {
        ScheduleConfig c = ScheduleConfig.read(Path.of("src/deb"), "capture");
        assertThat(c.directory()).isEqualTo(Path.of("/srv/flar"));
        assertThat(c.root()).isEqualTo(Path.of("/"));
        assertThat(c.contentName()).isNull();
        assertThat(c.differentials()).isEqualTo(6);
        assertThat(c.keep()).isEqualTo(2);
        assertThat(c.excludes()).containsExactly("/var/cache/apt/archives", "/var/tmp");
        assertThat(c.oneFileSystem()).isFalse();
        assertThat(c.compression()).isEqualTo(Compression.ZSTD);
    }

    @Test
    void aTypoIsAnErrorNamingTheFileAndLine() {
        assertThatThrownBy(() -> ScheduleConfig.parse("n", "/etc/flar/capture/n.conf", "directory = /srv\nkepe = 3\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("/etc/flar/capture/n.conf:2: unknown key 'kepe'");
        assertThatThrownBy(() -> ScheduleConfig.parse("n", "f", "directory = /srv\nkeep = 0\n"))
                .hasMessage("f:2: keep: '0' is not a whole number from 1 to 1000");
        assertThatThrownBy(() -> ScheduleConfig.parse("n", "f", "directory = srv\n"))
                .hasMessage("f:1: directory: 'srv' is not an absolute path");
        assertThatThrownBy(() -> ScheduleConfig.parse("n", "f", "directory = /a\ndirectory = /b\n"))
                .hasMessage("f:2: directory given twice");
        assertThatThrownBy(() -> ScheduleConfig.parse("n", "f", "compression = lz4\n"))
                .hasMessageStartingWith("f:1: compression: ");
        assertThatThrownBy(() -> ScheduleConfig.parse("n", "f", "keep = 3\n"))
                .hasMessage("f: no directory = ... (where the archives go)");
    }

    @Test
    void excludesRepeatAndOptionsParse() {
        ScheduleConfig c = ScheduleConfig.parse("n", "f", "# c\n directory=/srv/a \nexclude = /x\nexclude = /y/*\n"
                + "one-file-system = yes\ndifferentials = 0\ncompression = xz\ncontent-name = web01\n");
        assertThat(c.excludes()).containsExactly("/x", "/y/*");
        assertThat(c.oneFileSystem()).isTrue();
        assertThat(c.differentials()).isZero();
        assertThat(c.compression()).isEqualTo(Compression.XZ);
        assertThat(c.contentName()).isEqualTo("web01");
    }

    @Test
    void namesAreSafeAsFileAndUnitNames() {
        assertThat(ScheduleConfig.checkName("nightly-2.web")).isEqualTo("nightly-2.web");
        for (String bad : new String[] {"../x", ".hidden", "-x", "a/b", "", "a b"}) {
            assertThatThrownBy(() -> ScheduleConfig.checkName(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property
    void anyTextParsesOrIsRefusedWithItsFileName(@ForAll String text) {
        try {
            ScheduleConfig.parse("n", "the.conf", "directory = /srv\n" + text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("the.conf:");
        }
    }
}
