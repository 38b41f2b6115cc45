package org.flar.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flar.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CountingPassTest {
    @TempDir
    Path root;

    @Test
    void countsTheBytesTheCaptureReadsHardLinksOnceExclusionsNot() throws Exception {
        Files.write(root.resolve("a"), new byte[1000]);
        Files.createDirectories(root.resolve("d/e"));
        Files.write(root.resolve("d/e/b"), new byte[234]);
        Files.createLink(root.resolve("d/b-again"), root.resolve("d/e/b"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("a"));
        Files.createDirectories(root.resolve("cache"));
        Files.write(root.resolve("cache/big"), new byte[5000]);
        CaptureOptions options = CaptureOptions.builder(root, "t").rules(new ExcludeRules(List.of("/cache"), List.of())).build();

        CompletableFuture<String> told = new CompletableFuture<>();
        Progress progress = new Progress() {
            @Override
            public void total(String name, long totalBytes) {
                told.complete(name + " " + totalBytes);
            }
        };
        try (CountingPass _ = CountingPass.start(options, Set.of(), "create", progress)) {
            assertThat(told.get(60, TimeUnit.SECONDS)).isEqualTo("create 1234");
        }
    }
}
