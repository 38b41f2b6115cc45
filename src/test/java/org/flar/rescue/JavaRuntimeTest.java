package org.flar.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimeTest {
    @TempDir
    Path runtime;

    /** An installed flar's runtime (no jlink) is copied into the rescue system, its modules read from its release file. */
    @Test
    void aRuntimeImageCannotLinkAndNamesItsModules() throws Exception {
        Files.writeString(runtime.resolve("release"), "JAVA_VERSION=\"25.0.3\"\nMODULES=\"java.base jdk.unsupported jdk.zipfs\"\n");
        assertThat(JavaRuntime.canLink(runtime)).isFalse();
        assertThat(JavaRuntime.modulesOf(runtime)).isEqualTo("java.base,jdk.unsupported,jdk.zipfs");
        assertThat(JavaRuntime.canLink(Path.of(System.getProperty("java.home")))).isTrue();
    }
}
