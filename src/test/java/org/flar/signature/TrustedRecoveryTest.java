package org.flar.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flar.job.Recovery;
import org.flar.layout.LayoutException;
import org.flar.testing.Cli;
import org.flar.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flar recover} with a trusted key checks the signature in its plan, before a disk is
 * probed for writing or a step runs: an unsigned archive, one signed by another key, and a media
 * set of such an archive are refused (exit 4, the key named); a rightly signed one goes on to the
 * disk mapping (which, with no disk given, is where it stops).
 */
class TrustedRecoveryTest {
    @TempDir
    Path work;
    private Path signed;
    private Path unsigned;
    private Path trusted;
    private Path other;

    @BeforeEach
    void archives() throws Exception {
        Path root = work.resolve("root");
        Files.createDirectories(root.resolve("srv"));
        Files.writeString(root.resolve("srv/data"), "payload\n");
        Cli.ok("keygen", "-q", work.resolve("m.key").toString());
        Cli.ok("keygen", "-q", work.resolve("o.key").toString());
        trusted = work.resolve("m.pub");
        other = work.resolve("o.pub");
        signed = work.resolve("signed.flar");
        unsigned = work.resolve("unsigned.flar");
        Cli.ok("create", "-q", "-n", "a", "--sign", work.resolve("m.key").toString(), "-R", root.toString(), signed.toString());
        Cli.ok("create", "-q", "-n", "a", "-R", root.toString(), unsigned.toString());
    }

    @Test
    void thePlanRefusesAnArchiveNoTrustedKeySigned() throws Exception {
        TrustedKeys keys = TrustedKeys.load(List.of(trusted), work.resolve("no-system-keys"));
        assertThatThrownBy(() -> Recovery.of(Recovery.Source.archives(List.of(unsigned.toString()))).trusting(keys).plan(List.of()))
                .isInstanceOf(UntrustedArchiveException.class).hasMessageContaining("not signed");
        // the signature admitted, the plan goes on to the disks: none here
        assertThatThrownBy(() -> Recovery.of(Recovery.Source.archives(List.of(signed.toString()))).trusting(keys).plan(List.of()))
                .isInstanceOf(LayoutException.class).hasMessageContaining("no free disk");
    }

    @Test
    void recoverRefusesAForeignSignatureWithExitFour() throws Exception {
        Cli r = Cli.run("recover", "--plan", "--trusted-key", other.toString(), signed.toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(4);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("signed by key " + SecretKeyFile.read(work.resolve("m.key")).id() + ", which is not trusted");
    }

    @Test
    void recoverChecksAMediaSetsArchiveBeforeItsPlan() throws Exception {
        Tools.requireTool("xorriso");
        Path set = work.resolve("set");
        Cli.ok("media", "create", "-q", "--no-boot", "--media", "64M", unsigned.toString(), set.toString());
        Cli r = Cli.run("recover", "--plan", "--trusted-key", trusted.toString(), "--media", set.resolve("a-1.iso").toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(4);
        assertThat(r.err()).contains("not signed").doesNotContain("step");
    }
}
