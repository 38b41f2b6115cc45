package org.flar.deploy.chain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.flar.verify.Verifier;
import org.flar.job.Deployment;
import org.flar.testing.Jobs;
import org.flar.baseline.Differ;
import org.flar.capture.Capture;
import org.flar.capture.CaptureOptions;
import org.flar.capture.CaptureResult;
import org.flar.capture.ChangeListener;
import org.flar.capture.Differential;
import org.flar.capture.ExcludeRules;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveReader;
import org.flar.format.FlashArchiveWriter;
import org.flar.format.Identification;
import org.flar.progress.Progress;
import org.flar.testing.FlarProcess;
import org.flar.testing.IndependentComparison;
import org.flar.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master where only metadata changed (chmod, chown, setfattr, setfacl, touch, a chmod of a
 * hardlinked file): the differential carries no file content, full + differential deployed equals
 * the master as mtree, getfattr and getfacl see it, and a clone whose content drifted is refused
 * even with --no-master-check, since the differential cannot make that file right.
 */
class MetadataOnlyTest {
    private static final List<String> CHANGED = List.of("data/big", "data/linked", "etc/acl", "etc/mode",
            "etc/owner", "etc/xattr");

    @TempDir
    Path work;
    Path master;
    Path full;
    Path diff;

    @BeforeEach
    void masterWhoseMetadataAloneChanged() throws Exception {
        Tools.requireRoot();
        for (String tool : List.of("mtree", "getfattr", "getfacl", "setfattr", "setfacl")) {
            Tools.requireTool(tool);
        }
        master = work.resolve("master");
        Files.createDirectories(master.resolve("etc"));
        Files.createDirectories(master.resolve("data"));
        for (String f : List.of("etc/mode", "etc/owner", "etc/xattr", "etc/acl", "etc/same")) {
            Files.writeString(master.resolve(f), f + " content\n");
        }
        byte[] big = new byte[1 << 20];
        new Random(7).nextBytes(big);
        Files.write(master.resolve("data/big"), big);
        Files.writeString(master.resolve("data/linked"), "two names\n");
        Files.createLink(master.resolve("data/linked2"), master.resolve("data/linked"));
        full = work.resolve("full.flar");
        Jobs.create(master, "m0", full);
        Tools.run(List.of("bash", "-euc", """
                cd "$1"
                chmod 600 etc/mode
                chown 1234:5678 etc/owner
                setfattr -n user.flar.note -v reviewed etc/xattr
                setfacl -m u:1000:r etc/acl
                touch -d '2001-02-03 04:05:06.789' data/big
                chmod 640 data/linked
                """, "changes", master.toString()), work);
        diff = work.resolve("diff.flar");
        Jobs.differential(master, "m1", full, diff);
    }

    @Test
    void theDifferentialCarriesNoContentAndDeploysToAnExactCopy() throws Exception {
        try (InputStream in = Files.newInputStream(diff); FlashArchiveReader r = FlashArchiveReader.open(in, "diff")) {
            assertThat(new String(r.section(FlashArchive.METADATA), UTF_8).lines().map(l -> l.split(" ")[0]))
                    .containsExactlyElementsOf(CHANGED);
            assertThat(r.section(FlashArchive.MANIFEST)).as("only the hardlink's second name, no content")
                    .asString(UTF_8).startsWith("data/linked2 type=hardlink").hasLineCount(1);
            assertThat(Long.parseLong(r.identification().get(Identification.PAYLOAD_SIZE))).isLessThan(16 << 10);
        }
        assertThat(Files.size(diff)).isLessThan(32 << 10);
        try (Differ differ = Differ.againstArchive(full, ExcludeRules.none())) {
            CaptureResult r = new Capture(CaptureOptions.of(master, "m1"), Progress.NONE,
                    new Differential(differ, false, ChangeListener.NONE)).run(OutputStream.nullOutputStream(), null);
            assertThat(r.metadataOnly()).isEqualTo(CHANGED.size());
            assertThat(r.filesRead()).as("only the touched file is read, to compare its content").isEqualTo(1);
        }
        try (var in = Files.newInputStream(diff)) {
            new Verifier(Progress.NONE).verify(in, diff.toString());
        }

        Path target = work.resolve("target");
        Jobs.deploy(Deployment.onto(target), full, diff);
        // flar's state file is the clone's record, not part of the master.
        Tools.run(List.of("rm", "-rf", target.resolve("var").toString()), work);
        Tools.run(List.of("touch", "-h", "-r", master.toString(), target.toString()), work);
        assertThat(IndependentComparison.differences(master, target)).isEmpty();
    }

    @Test
    void aCloneWhoseContentDriftedIsRefusedEvenWithoutTheMasterCheck() throws Exception {
        Path target = work.resolve("target");
        Jobs.deploy(Deployment.onto(target), full);
        Files.writeString(target.resolve("etc/mode"), "etc/mode CONTENT\n");
        String ownerBefore = Files.getAttribute(target.resolve("etc/owner"), "unix:uid").toString();
        for (List<String> options : List.of(List.<String>of(), List.of("--no-master-check"))) {
            List<String> args = new java.util.ArrayList<>(List.of("deploy", "-q"));
            args.addAll(options);
            args.addAll(List.of("-R", target.toString(), diff.toString()));
            Tools.Result refused = Tools.exec(FlarProcess.command(args.toArray(String[]::new)), work);
            assertThat(refused.exitCode()).as("refused " + options).isEqualTo(6);
            assertThat(refused.stderr()).contains("etc/mode").contains("sha256").contains("does not carry their content")
                    .doesNotContain("etc/owner");
            assertThat(Files.getAttribute(target.resolve("etc/owner"), "unix:uid").toString()).as("nothing changed")
                    .isEqualTo(ownerBefore);
        }
    }

    @Test
    void aMetadataLineThatClaimsOtherContentThanItsBaseIsRefused() throws Exception {
        Path bad = work.resolve("bad.flar");
        Path payload = work.resolve("payload");
        try (InputStream in = Files.newInputStream(diff); FlashArchiveReader r = FlashArchiveReader.open(in, "diff");
             OutputStream o = Files.newOutputStream(bad)) {
            Identification id = r.identification();
            id.remove(Identification.SECTION_SHA256);
            id.remove(Identification.IDENTIFICATION_SHA256);
            FlashArchiveWriter w = new FlashArchiveWriter(o).identification(id);
            for (String s : List.of(FlashArchive.MANIFEST, FlashArchive.STATE, FlashArchive.DELETIONS, FlashArchive.BASE)) {
                w.section(s, r.section(s));
            }
            String forged = new String(r.section(FlashArchive.METADATA), UTF_8).replaceFirst("sha256=[0-9a-f]{64}",
                    "sha256=" + "0".repeat(64));
            w.section(FlashArchive.METADATA, forged.getBytes(UTF_8));
            try (OutputStream p = Files.newOutputStream(payload)) {
                r.payload().transferTo(p);
            }
            w.payload(payload).write();
        }
        Tools.Result verify = Tools.exec(FlarProcess.command("verify", "-q", bad.toString()), work);
        assertThat(verify.exitCode()).isEqualTo(4);
        assertThat(verify.stderr()).contains("data/big").contains("other content than its base line");
        Path target = work.resolve("target");
        Jobs.deploy(Deployment.onto(target), full);
        assertThatThrownBy(() -> Jobs.deploy(Deployment.onto(target).masterCheck(false), bad)).isInstanceOf(org.flar.format.CorruptArchiveException.class);
        assertThat(Files.getAttribute(target.resolve("etc/mode"), "unix:mode")).as("nothing changed").isEqualTo(0100644);
    }
}
