package org.flar.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.flar.identity.profile.PathGlob;
import org.flar.progress.Progress;

/**
 * Makes a clone's new ssh host keys. At deploy with the deploying machine's OpenSSH
 * ({@code ssh-keygen -A -f ROOT}: every default key type, OpenSSH's own formats); where that
 * cannot run, a systemd root gets a first-boot unit that runs {@code ssh-keygen -A} before sshd
 * (Debian's sshd does not make missing keys itself; RHEL's sshd-keygen@.service and Solaris'
 * SMF method do, and are left to it).
 */
public final class HostKeys {
    static final String UNIT = "etc/systemd/system/flar-ssh-host-keys.service";
    static final String WANTS = "etc/systemd/system/multi-user.target.wants";
    private static final String UNIT_TEXT = """
            # Written by flar at deploy: this clone's ssh host keys are made at its first boot.
            [Unit]
            Description=Generate this machine's SSH host keys (flar clone)
            Before=ssh.service sshd.service
            ConditionPathExists=!/etc/ssh/ssh_host_ed25519_key

            [Service]
            Type=oneshot
            ExecStart=/usr/bin/ssh-keygen -A

            [Install]
            WantedBy=multi-user.target
            """;

    private final String keygen;
    private final Progress progress;

    /** @param keygen the ssh-keygen to run ("ssh-keygen" from PATH) */
    public HostKeys(String keygen, Progress progress) {
        this.keygen = keygen;
        this.progress = progress;
    }

    /** Makes the keys (or the unit) and returns the relative paths it created, parents before children. */
    List<String> generate(Path root) throws IOException {
        if (!PathGlob.isRealDirectoryChain(root, "etc/ssh")) {
            return List.of();
        }
        Set<String> before = list(root, "etc/ssh");
        if (runKeygen(root)) {
            Set<String> after = list(root, "etc/ssh");
            after.removeAll(before);
            return new ArrayList<>(after);
        }
        if (!PathGlob.isRealDirectoryChain(root, "etc/systemd/system")) {
            progress.warning("no new ssh host keys: " + keygen + " could not run, and " + root
                    + " has no systemd to make them at first boot; its sshd must make them (Solaris' and RHEL's do)");
            return List.of();
        }
        List<String> created = new ArrayList<>();
        if (!PathGlob.isRealDirectoryChain(root, WANTS)) {
            Files.createDirectory(root.resolve(WANTS));
            created.add(WANTS);
        }
        Files.deleteIfExists(root.resolve(UNIT));
        Files.writeString(root.resolve(UNIT), UNIT_TEXT, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE);
        created.add(UNIT);
        String link = WANTS + "/flar-ssh-host-keys.service";
        Files.deleteIfExists(root.resolve(link));
        Files.createSymbolicLink(root.resolve(link), Path.of("/" + UNIT));
        created.add(link);
        progress.warning("ssh host keys will be made at first boot (" + UNIT + "): " + keygen + " could not run here");
        return created;
    }

    private boolean runKeygen(Path root) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(keygen, "-A", "-f", root.toAbsolutePath().toString())
                    .redirectErrorStream(true).start();
        } catch (IOException notThere) {
            return false;
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                progress.warning(keygen + " -A -f " + root + " failed: " + out.strip());
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while making ssh host keys", e);
        }
    }

    private static Set<String> list(Path root, String dir) throws IOException {
        Set<String> names = new TreeSet<>();
        if (!PathGlob.isRealDirectory(root.resolve(dir))) {
            return names;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root.resolve(dir))) {
            for (Path p : s) {
                names.add(dir + "/" + p.getFileName());
            }
        }
        return names;
    }
}
