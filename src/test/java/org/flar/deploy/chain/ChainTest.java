package org.flar.deploy.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flar.job.Deployment;
import org.flar.testing.Jobs;
import org.flar.baseline.Differ;
import org.flar.capture.Capture;
import org.flar.capture.CaptureOptions;
import org.flar.capture.CaptureResult;
import org.flar.capture.ChangeListener;
import org.flar.capture.Differential;
import org.flar.capture.ExcludeRules;
import org.flar.progress.Progress;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveReader;
import org.flar.format.Identification;
import org.flar.testing.Cli;
import org.flar.testing.IndependentComparison;
import org.flar.testing.Reseal;
import org.flar.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chains of differentials on small trees: order, differentials of differentials, hostile deletion lists. */
class ChainTest {
    @TempDir
    Path work;
    Path master;
    Path full;

    @BeforeEach
    void masterAndFullArchive() throws Exception {
        master = work.resolve("master");
        Files.createDirectories(master.resolve("etc/app"));
        Files.writeString(master.resolve("etc/app/conf"), "v1\n");
        Files.writeString(master.resolve("etc/keep"), "keep\n");
        Files.createDirectories(master.resolve("var/old"));
        Files.writeString(master.resolve("var/old/data"), "old\n");
        full = work.resolve("full.flar");
        Jobs.create(master, "m0", full);
    }

    private Path snapshot(String name) {
        Path copy = work.resolve(name);
        Tools.run(List.of("cp", "-a", master.toString(), copy.toString()), work);
        return copy;
    }

    private Path differential(String name, Path against) throws IOException {
        Path out = work.resolve(name + ".flar");
        Jobs.differential(master, name, against, out);
        return out;
    }

    /** flar's state file is the clone's record, not part of the master. */
    private void strip(Path target) {
        Tools.run(List.of("rm", "-rf", target.resolve("var/lib").toString()), target);
        Tools.run(List.of("touch", "-h", "-r", master.resolve("var").toString(), target.resolve("var").toString()), target);
    }

    @Test
    void differentialOfADifferentialAppliesInOrderAndTheWrongOrderIsRefused() throws Exception {
        Files.writeString(master.resolve("etc/app/conf"), "v2\n");
        Tools.run(List.of("rm", "-rf", master.resolve("var/old").toString()), work);
        Path d1 = differential("d1", full);
        Path afterD1 = snapshot("after-d1");
        Files.writeString(master.resolve("etc/app/conf"), "v3, much longer\n");
        Files.writeString(master.resolve("etc/new"), "new\n");
        Path d2 = differential("d2", d1);

        Path wrong = work.resolve("wrong");
        assertThatThrownBy(() -> Jobs.deploy(Deployment.onto(wrong), full, d2, d1)).isInstanceOf(DriftException.class);
        assertThat(wrong.resolve("etc")).as("nothing deployed").doesNotExist();

        Path target = work.resolve("target");
        Jobs.deploy(Deployment.onto(target), full, d1);
        assertThatThrownBy(() -> Jobs.deploy(Deployment.onto(target), d1)).as("d1 twice").isInstanceOf(DriftException.class);
        Jobs.deploy(Deployment.onto(target), d2);
        strip(target);
        assertThat(IndependentComparison.differences(master, target)).isEmpty();

        Path fromDir = work.resolve("d2-from-dir.flar");
        Jobs.differential(master, "d2dir", afterD1, fromDir);
        Path target2 = work.resolve("target2");
        Jobs.deploy(Deployment.onto(target2), full, d1, fromDir);
        strip(target2);
        assertThat(IndependentComparison.differences(master, target2)).isEmpty();
    }

    @Test
    void anUnchangedTreeGivesAnEmptyDifferentialThatReadsNothing() throws Exception {
        Path d = differential("same", full);
        try (InputStream in = Files.newInputStream(d); FlashArchiveReader r = FlashArchiveReader.open(in, "same")) {
            assertThat(r.identification().get(Identification.PAYLOAD_ENTRIES)).isEqualTo("0");
            assertThat(r.section(FlashArchive.DELETIONS)).isEmpty();
            assertThat(r.identification().get(Identification.STATE_SHA256))
                    .isEqualTo(r.identification().get(Identification.BASE_STATE_SHA256));
        }
        for (boolean checksum : new boolean[] {false, true}) {
            try (Differ differ = Differ.againstArchive(full, ExcludeRules.none())) {
                CaptureResult r = new Capture(CaptureOptions.of(master, "same"), Progress.NONE,
                        new Differential(differ, checksum, ChangeListener.NONE)).run(OutputStream.nullOutputStream(), null);
                assertThat(r.entries()).isZero();
                assertThat(r.unchanged()).isEqualTo(8);
                assertThat(r.filesRead()).as("files read, --checksum " + checksum).isEqualTo(checksum ? 3 : 0);
            }
        }
        Cli compare = Cli.run("compare", "-q", "--json", full.toString(), master.toString());
        assertThat(compare.code()).isZero();
        assertThat(compare.out()).contains("\"added\" : [ ]").contains("\"deleted\" : [ ]");
    }

    @Test
    void aDeletedDirectoryHoldingFilesTheMasterNeverHadIsKept() throws Exception {
        Tools.run(List.of("rm", "-rf", master.resolve("var/old").toString()), work);
        Path d = differential("d", full);
        Path target = work.resolve("target");
        Jobs.deploy(Deployment.onto(target), full);
        Files.writeString(target.resolve("var/old/local-notes"), "mine\n");
        Jobs.deploy(Deployment.onto(target), d);
        assertThat(target.resolve("var/old/data")).doesNotExist();
        assertThat(target.resolve("var/old/local-notes")).exists();
    }

    @Test
    void hostileDeletionsAndAMissingBaseAreRefusedWithNothingChanged() throws Exception {
        Files.delete(master.resolve("etc/keep"));
        Path d = differential("d", full);
        Path target = work.resolve("target");
        Jobs.deploy(Deployment.onto(target), full);
        for (String deletions : List.of(".\n", "..\n", "../outside\n", "/etc/keep\n", "etc/app\n")) {
            Path bad = rewrite(d, deletions, true);
            assertThatThrownBy(() -> Jobs.deploy(Deployment.onto(target), bad)).as(deletions).isInstanceOf(java.io.IOException.class);
            assertThat(target.resolve("etc/keep")).as(deletions).exists();
        }
        Path noBase = rewrite(d, "etc/keep\n", false);
        assertThatThrownBy(() -> Jobs.deploy(Deployment.onto(target).masterCheck(false), noBase)).isInstanceOf(java.io.IOException.class);
        assertThat(target.resolve("etc/keep")).exists();
    }

    @Test
    void aBaseWhoseManifestIsOutOfOrderIsRefusedWithItsNameAndLine() throws Exception {
        Reseal r = Reseal.of(full).keyword(Identification.STATE_SHA256, null);
        List<String> lines = new java.util.ArrayList<>(r.section(FlashArchive.MANIFEST).lines().toList());
        java.util.Collections.swap(lines, 2, 3);
        Path bad = r.section(FlashArchive.MANIFEST, String.join("\n", lines) + "\n").write(work.resolve("bad-base.flar"));
        Tools.Result refused = Tools.exec(org.flar.testing.FlarProcess.command("create", "-q", "-n", "d", "-R",
                master.toString(), "-A", bad.toString(), work.resolve("d.flar").toString()), work);
        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.stderr()).contains("bad-base.flar (manifest)").contains("out-of-order");
    }

    /** The same differential with another deletions section (and optionally no base), checksums recomputed. */
    private Path rewrite(Path archive, String deletions, boolean withBase) throws Exception {
        Reseal r = Reseal.of(archive).section(FlashArchive.DELETIONS, deletions);
        if (!withBase) {
            r.without(FlashArchive.BASE);
        }
        return r.write(Files.createTempFile(work, "bad", ".flar"));
    }
}
