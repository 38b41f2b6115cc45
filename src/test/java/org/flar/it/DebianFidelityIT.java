package org.flar.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flar.cli.Main;
import org.flar.testing.DebianRoot;
import org.flar.testing.FlarProcess;
import org.flar.testing.IndependentComparison;
import org.flar.testing.PlantedTree;
import org.flar.testing.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality bar of the archive engine: deploy(create(root)) is identical to root, on a real
 * Debian root with one of every kind of entry planted in it, as NetBSD mtree, getfattr, getfacl
 * and block counts see it — never flar's own comparison.
 */
class DebianFidelityIT {
    @TempDir
    static Path work;
    static Path source;

    @BeforeAll
    static void debianWithEverythingPlanted() throws Exception {
        Tools.requireRoot();
        for (String tool : List.of("mtree", "getfattr", "getfacl", "setfattr", "setfacl", "setcap")) {
            Tools.requireTool(tool);
        }
        source = DebianRoot.copyTo(work.resolve("source"));
        PlantedTree.plant(source);
        // /run's contents are volatile by design (never captured); the mount points stay.
        try (Stream<Path> volatileContents = Files.list(source.resolve("run"))) {
            for (Path p : volatileContents.toList()) {
                Tools.run(List.of("rm", "-rf", p.toString()), work);
            }
        }
    }

    @Test
    void paxZstdRoundTripIsExact() throws Exception {
        Path archive = work.resolve("debian.flar");
        assertThat(Main.run("create", "-q", "-n", "debian", "-R", source.toString(), archive.toString())).isZero();
        assertThat(Main.run("verify", "-q", archive.toString())).isZero();
        Path target = work.resolve("target-pax");
        assertThat(Main.run("deploy", "-q", "--no-state", "--keep-identity", "-R", target.toString(), archive.toString())).isZero();

        assertThat(IndependentComparison.differences(source, target)).isEmpty();
        long blocks = Long.parseLong(Tools.run(List.of("stat", "--format=%b", target.resolve(PlantedTree.SPARSE_5G).toString()), work).strip());
        assertThat(blocks * 512).as("the 5 GiB sparse file stays sparse").isLessThan(16L << 20);
    }

    @Test
    void throughAPipeWithXzToo() throws Exception {
        Path target = work.resolve("target-pipe");
        Tools.run(List.of("bash", "-c", "set -o pipefail; "
                + FlarProcess.shell("create", "-q", "-c", "xz", "--level", "1", "-n", "debian", "-R", source.toString(), "-")
                + " | " + FlarProcess.shell("deploy", "-q", "--no-state", "--keep-identity", "-R", target.toString(), "-")), work);
        assertThat(IndependentComparison.differences(source, target)).isEmpty();
    }
}
