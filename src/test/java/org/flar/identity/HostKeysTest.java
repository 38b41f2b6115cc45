package org.flar.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.progress.Progress;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** New ssh host keys for a clone: made with ssh-keygen, or by a first-boot unit where it cannot run. */
class HostKeysTest {
    private Path root;
    private final List<String> warnings = new ArrayList<>();
    private final Progress progress = new Progress() {
        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    };

    @BeforeEach
    void root() throws Exception {
        root = Tools.scratchDir("hostkeys");
        Files.createDirectories(root.resolve("etc/ssh"));
    }

    @AfterEach
    void cleanUp() {
        Tools.deleteTree(root);
    }

    @Test
    void sshKeygenMakesEveryDefaultKeyTypeInOpenSshFormat() throws Exception {
        Tools.requireTool("ssh-keygen");
        List<String> created = new HostKeys("ssh-keygen", progress).generate(root);
        assertThat(created).contains("etc/ssh/ssh_host_ed25519_key", "etc/ssh/ssh_host_ed25519_key.pub",
                "etc/ssh/ssh_host_rsa_key", "etc/ssh/ssh_host_ecdsa_key");
        assertThat(Files.readString(root.resolve("etc/ssh/ssh_host_ed25519_key"))).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        String fingerprint = Tools.run(List.of("ssh-keygen", "-lf", root.resolve("etc/ssh/ssh_host_ed25519_key.pub").toString()), null);
        assertThat(fingerprint).contains("SHA256:").contains("(ED25519)");
        assertThat(warnings).isEmpty();
    }

    @Test
    void withoutSshKeygenASystemdRootGetsAFirstBootUnit() throws Exception {
        Files.createDirectories(root.resolve("etc/systemd/system"));
        List<String> created = new HostKeys("/nonexistent/ssh-keygen", progress).generate(root);
        assertThat(created).containsExactly(HostKeys.WANTS, HostKeys.UNIT, HostKeys.WANTS + "/flar-ssh-host-keys.service");
        assertThat(Files.readString(root.resolve(HostKeys.UNIT))).contains("ExecStart=/usr/bin/ssh-keygen -A")
                .contains("Before=ssh.service sshd.service").contains("WantedBy=multi-user.target");
        assertThat(Files.readSymbolicLink(root.resolve(HostKeys.WANTS + "/flar-ssh-host-keys.service")))
                .isEqualTo(Path.of("/" + HostKeys.UNIT));
        assertThat(warnings).singleElement().asString().contains("first boot");
    }

    @Test
    void withoutEitherItSaysTheTargetsSshdMustMakeThem() throws Exception {
        assertThat(new HostKeys("/nonexistent/ssh-keygen", progress).generate(root)).isEmpty();
        assertThat(warnings).singleElement().asString().contains("no new ssh host keys");
    }

    @Test
    void aSymlinkedSshDirectoryIsNeverWrittenThrough() throws Exception {
        Tools.requireTool("ssh-keygen");
        Path outside = Tools.scratchDir("outside");
        try {
            Tools.deleteTree(root.resolve("etc/ssh"));
            Files.createSymbolicLink(root.resolve("etc/ssh"), outside);
            assertThat(new HostKeys("ssh-keygen", progress).generate(root)).isEmpty();
            try (var files = Files.list(outside)) {
                assertThat(files).isEmpty();
            }
        } finally {
            Tools.deleteTree(outside);
        }
    }
}
