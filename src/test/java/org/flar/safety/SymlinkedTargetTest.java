package org.flar.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flar.testing.Cli;
import org.flar.testing.Tools;
import org.flar.testing.TreeSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every step that writes into a target after the archive's entries (deletions, metadata-only
 * files, the state file, unconfiguring a clone, a sysidcfg, putting an identity back) meets a
 * target whose directories were replaced by symlinks to a directory outside, holding a copy of
 * what was there: each refuses or passes by, and nothing outside changes.
 */
class SymlinkedTargetTest {
    @TempDir
    Path work;
    Path master;
    Path full;
    Path target;
    Path outside;

    @BeforeEach
    void deployed() throws Exception {
        master = OsTree.make(work.resolve("master"), "m0");
        full = work.resolve("full.flar");
        Cli.ok("create", "-q", "-n", "m0", "-R", master.toString(), full.toString());
        target = work.resolve("target");
        Cli.ok("deploy", "-q", "--keep-identity", "-R", target.toString(), full.toString());
        outside = Files.createDirectories(work.resolve("outside"));
    }

    /** Moves {@code rel} of the target outside and leaves a symlink to it in its place. */
    private void replaceWithLink(String rel) throws Exception {
        Path moved = outside.resolve(rel.replace('/', '_'));
        Tools.run(List.of("mv", target.resolve(rel).toString(), moved.toString()), work);
        Files.createSymbolicLink(target.resolve(rel), moved);
    }

    private Path differential(String name) throws Exception {
        Path d = work.resolve(name + ".flar");
        Cli.ok("create", "-q", "-n", name, "-A", full.toString(), "-R", master.toString(), d.toString());
        return d;
    }

    @Test
    void aDeletionThroughALinkIsRefusedWithNothingChanged() throws Exception {
        Files.delete(master.resolve("etc/keep"));
        Path d = differential("d");
        replaceWithLink("etc");
        Map<String, String> before = TreeSnapshot.of(work.resolve("outside"));
        Map<String, String> targetBefore = TreeSnapshot.of(target);

        Cli r = Cli.run("deploy", "-q", "-R", target.toString(), d.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(6);
        assertThat(r.err()).contains("etc/keep").contains("nothing was changed");
        assertThat(TreeSnapshot.of(outside)).isEqualTo(before);
        assertThat(TreeSnapshot.of(target)).isEqualTo(targetBefore);
    }

    @Test
    void aMetadataOnlyFileBehindALinkIsRefusedWithNothingChanged() throws Exception {
        Files.setPosixFilePermissions(master.resolve("var/old/data"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path d = differential("d");
        replaceWithLink("var/old");
        Map<String, String> before = TreeSnapshot.of(outside);

        Cli r = Cli.run("deploy", "-q", "--no-master-check", "-R", target.toString(), d.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(6);
        assertThat(r.err()).contains("var/old/data").contains("symlink");
        assertThat(TreeSnapshot.of(outside)).isEqualTo(before);
    }

    @Test
    void theStateFileIsNeverWrittenThroughALinkAndThatIsKnownBeforeTheFirstWrite() throws Exception {
        Path plain = Files.createDirectories(work.resolve("plain"));
        Files.writeString(plain.resolve("a"), "a\n");
        Path archive = work.resolve("plain.flar");
        Cli.ok("create", "-q", "-n", "plain", "-R", plain.toString(), archive.toString());
        Path other = Files.createDirectories(work.resolve("other"));
        Files.createDirectories(outside.resolve("var/lib/flar"));
        Files.createSymbolicLink(other.resolve("var"), outside.resolve("var"));
        Map<String, String> before = TreeSnapshot.of(outside);

        Cli r = Cli.run("deploy", "-q", "-R", other.toString(), archive.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(4);
        assertThat(r.err()).contains("var").contains("--no-state");
        assertThat(other.resolve("a")).as("refused before the first write").doesNotExist();
        assertThat(TreeSnapshot.of(outside)).isEqualTo(before);
    }

    @Test
    void unconfiguringARootWhoseEtcIsALinkChangesNothingOutside() throws Exception {
        replaceWithLink("etc");
        Map<String, String> before = TreeSnapshot.of(outside);
        Cli.run("unconfig", "-q", "-R", target.toString());
        assertThat(TreeSnapshot.of(outside)).isEqualTo(before);
    }

    @Test
    void aCloneWhoseArchivePlantsLinksToOutsideIsConfiguredWithoutWritingThroughThem() throws Exception {
        Path secrets = Files.createDirectories(outside.resolve("ssh"));
        Files.writeString(secrets.resolve("ssh_host_ed25519_key"), "the deploying machine's key\n");
        Files.writeString(outside.resolve("hostname"), "the deploying machine\n");
        Tools.run(List.of("rm", "-r", master.resolve("etc/ssh").toString(), master.resolve("etc/hostname").toString()), work);
        Files.createSymbolicLink(master.resolve("etc/ssh"), secrets);
        Files.createSymbolicLink(master.resolve("etc/hostname"), outside.resolve("hostname"));
        Path linked = work.resolve("linked.flar");
        Cli.ok("create", "-q", "-n", "linked", "-R", master.toString(), linked.toString());
        Path sysidcfg = work.resolve("sysidcfg");
        Files.writeString(sysidcfg, "system_locale=C\nnetwork_interface=PRIMARY {hostname=web02 dhcp protocol_ipv6=no}\n");
        Map<String, String> before = TreeSnapshot.of(outside);

        Cli r = Cli.run("deploy", "-q", "--sysidcfg", sysidcfg.toString(), "-R", work.resolve("clone").toString(), linked.toString());

        assertThat(TreeSnapshot.of(outside)).as(r.describe()).isEqualTo(before);
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(Files.readString(work.resolve("clone/etc/hostname"))).isEqualTo("web02\n");
    }

    @Test
    void puttingAnIdentityBackReplacesALinkInsteadOfFollowingIt() throws Exception {
        Path bundle = work.resolve("m0.identity");
        Cli.ok("unconfig", "-q", "-R", target.toString(), "--save", bundle.toString());
        replaceWithLink("etc");
        Map<String, String> before = TreeSnapshot.of(outside);

        Cli r = Cli.run("reconfig", "-q", "--force", "-R", target.toString(), bundle.toString());

        // The bundle saved etc as a directory: the link is replaced by one, never followed.
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(target.resolve("etc")).isDirectory();
        assertThat(Files.isSymbolicLink(target.resolve("etc"))).isFalse();
        assertThat(Files.readString(target.resolve("etc/hostname"))).isEqualTo("m0\n");
        assertThat(TreeSnapshot.of(outside)).isEqualTo(before);
    }
}
