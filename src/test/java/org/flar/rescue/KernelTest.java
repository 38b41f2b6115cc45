package org.flar.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelTest {
    @Test
    void versionsCompareByTheirNumbers() {
        assertThat(Kernel.compareVersions("6.1.0-9-amd64", "6.1.0-10-amd64")).isNegative();
        assertThat(Kernel.compareVersions("6.10.0-1-amd64", "6.9.0-1-amd64")).isPositive();
        assertThat(Kernel.compareVersions("6.1.0-56-amd64", "6.1.0-56-amd64")).isZero();
    }

    @Test
    void bootTakesTheNewestImageThatHasItsModules(@TempDir Path dir) throws Exception {
        Path boot = Files.createDirectories(dir.resolve("boot"));
        Path modules = Files.createDirectories(dir.resolve("modules"));
        for (String v : new String[] {"6.1.0-9-amd64", "6.1.0-10-amd64", "6.1.0-11-amd64"}) {
            Files.writeString(boot.resolve("vmlinuz-" + v), "kernel");
        }
        Files.createDirectories(modules.resolve("6.1.0-9-amd64/kernel"));
        Files.createDirectories(modules.resolve("6.1.0-10-amd64/kernel"));
        // 6.1.0-11 has no modules (a kernel installed without them): not usable
        assertThat(Kernel.installed(boot, modules, false)).hasValueSatisfying(k -> {
            assertThat(k.version()).isEqualTo("6.1.0-10-amd64");
            assertThat(k.image()).isEqualTo(boot.resolve("vmlinuz-6.1.0-10-amd64"));
        });
        assertThat(Kernel.installed(dir.resolve("none"), modules, false)).isEmpty();
    }
}
