package org.flar.deploy.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flar.cli.Main;
import org.flar.format.FlashArchiveReader;
import org.flar.format.Identification;
import org.flar.testing.DebianRoot;
import org.flar.testing.IndependentComparison;
import org.flar.testing.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential of a real package installation: in a copy of the Debian root, {@code chroot
 * apt-get install tree} (from deb.debian.org: the package, dpkg's database, apt's logs and cache,
 * ldconfig's cache all change), captured against the full archive and against the old directory;
 * full + differential deployed onto a fresh target equals the changed root as mtree, getfattr and
 * getfacl see it. Without network the test is skipped on a laptop and fails under CI=true.
 */
class PackageInstallDebianIT {
    private static final String PACKAGE = "tree";

    @TempDir
    static Path work;
    static Path base;
    static Path changed;
    static Path full;

    @BeforeAll
    static void installAPackageInACopy() throws Exception {
        Tools.requireRoot();
        for (String tool : List.of("mtree", "getfattr", "getfacl", "chroot")) {
            Tools.requireTool(tool);
        }
        base = DebianRoot.copyWithEmptyRun(work.resolve("base"));
        full = work.resolve("full.flar");
        assertThat(Main.run("create", "-q", "-n", "master", "-R", base.toString(), full.toString())).isZero();
        changed = work.resolve("changed");
        Tools.run(List.of("cp", "-a", "--sparse=always", base.toString(), changed.toString()), work);
        Tools.Result apt = Tools.exec(List.of("chroot", changed.toString(), "apt-get", "install", "-y", "-q",
                "--no-install-recommends", PACKAGE), work);
        if (apt.exitCode() != 0) {
            String why = "chroot apt-get install " + PACKAGE + " failed (network?): " + apt.stderr().strip();
            if (Tools.inCi()) {
                throw new AssertionError(why);
            }
            abort(why);
        }
        assertThat(changed.resolve("usr/bin/tree")).isRegularFile();
    }

    @Test
    void differentialAgainstTheArchiveDeploysToTheChangedRoot() throws Exception {
        Path diff = work.resolve("diff.flar");
        assertThat(Main.run("create", "-q", "-n", "with-tree", "-R", changed.toString(), "-A", full.toString(),
                diff.toString())).isZero();
        // apt rebuilds its package caches (~30 MB in /var/cache/apt): the bytes are real, the entries few.
        assertThat(entries(diff)).as("entries in the differential's payload").isLessThan(entries(full) / 20);
        deployAndCompare(diff, "target");
    }

    @Test
    void differentialAgainstTheOldDirectoryDeploysToTheChangedRoot() throws Exception {
        Path diff = work.resolve("diff-dir.flar");
        assertThat(Main.run("create", "-q", "-n", "with-tree", "-R", changed.toString(), "-A", base.toString(),
                diff.toString())).isZero();
        deployAndCompare(diff, "target-dir");
    }

    private static long entries(Path archive) throws Exception {
        try (InputStream in = Files.newInputStream(archive); FlashArchiveReader r = FlashArchiveReader.open(in, "a")) {
            return Long.parseLong(r.identification().get(Identification.PAYLOAD_ENTRIES));
        }
    }

    private static void deployAndCompare(Path diff, String name) {
        Path target = work.resolve(name);
        assertThat(Main.run("deploy", "-q", "--keep-identity", "-R", target.toString(), full.toString(), diff.toString())).isZero();
        assertThat(target.resolve("usr/bin/tree")).isRegularFile();
        // flar's state file is the clone's record, not part of the master.
        Tools.run(List.of("rm", "-rf", target.resolve("var/lib/flar").toString()), work);
        Tools.run(List.of("touch", "-h", "-r", changed.resolve("var/lib").toString(), target.resolve("var/lib").toString()), work);
        assertThat(IndependentComparison.differences(changed, target)).isEmpty();
    }
}
