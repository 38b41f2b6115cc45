package org.flar.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.flar.testing.RescueFixture;
import org.flar.testing.Tools;
import org.junit.jupiter.api.Test;

/** Module dependencies read from the real Debian kernel's .modinfo sections. */
class KernelModulesIT {
    @Test
    void ext4ComesAfterWhatItDependsOn() throws Exception {
        Tools.requireRoot();
        Kernel kernel = Kernel.find(RescueFixture.CACHE.resolve("kernel"));
        KernelModules modules = new KernelModules(kernel.modules());
        Path ext4 = kernel.modules().resolve("kernel/fs/ext4/ext4.ko");
        assertThat(KernelModules.depends(ext4)).contains("jbd2", "mbcache");
        List<String> names = modules.closure(List.of("ext4")).stream()
                .map(p -> p.getFileName().toString()).toList();
        assertThat(names).last().isEqualTo("ext4.ko");
        assertThat(names).contains("jbd2.ko", "mbcache.ko");
        assertThat(modules.closure(List.of("no_such_module"))).isEmpty();
    }

    /**
     * xts asks the crypto API for ecb(aes) when dm-crypt sets up LUKS's default cipher: no modinfo
     * dependency leads there, so the rescue system must want it by name.
     */
    @Test
    void luksDefaultCipherHasEveryModuleItAsksFor() throws Exception {
        Tools.requireRoot();
        Kernel kernel = Kernel.find(RescueFixture.CACHE.resolve("kernel"));
        List<String> names = new KernelModules(kernel.modules()).closure(KernelModules.WANTED).stream()
                .map(p -> p.getFileName().toString()).toList();
        assertThat(names).contains("dm-crypt.ko", "xts.ko");
        for (String template : List.of("ecb", "xts")) {
            if (java.nio.file.Files.exists(kernel.modules().resolve("kernel/crypto/" + template + ".ko"))) {
                assertThat(names).as("closure of KernelModules.WANTED").contains(template + ".ko");
            }
        }
    }
}
