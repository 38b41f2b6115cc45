package org.flar.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flar.signature.SecretKeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {
            "Make an Ed25519 key pair to sign archives with, in minisign's formats: KEY, the secret key (mode "
                    + "0600; unencrypted so that signing can run unattended, or with --protect a password's), and KEY's name with "
                    + ".pub for .key, the public key to give deploying machines (--trusted-key, or "
                    + "/etc/flar/trusted-keys/). minisign -S -s KEY signs with it too, and minisign -V -p KEY.pub "
                    + "checks flar's signatures."},
        footer = {"", "Examples:", "  flar keygen /root/flar/master.key        # and /root/flar/master.pub",
            "  flar sign --key /root/flar/master.key web01.flar", ExitCode.HELP})
final class KeygenCommand implements Callable<Integer> {
    @Option(names = {"-f", "--force"}, description = "Replace existing key files.")
    boolean force;

    @Option(names = "--protect", description = "Protect the secret key with a password (scrypt, as minisign -G does): "
            + "typed twice on the terminal, or the first line of --key-password-file. Signing then needs it.")
    boolean protect;

    @Mixin
    KeyPasswordOptions password;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "KEY", description = "The secret key file to write (conventionally NAME.key).")
    Path secret;

    @Override
    public Integer call() throws IOException {
        String name = secret.getFileName().toString();
        Path pub = secret.resolveSibling((name.endsWith(".key") ? name.substring(0, name.length() - 4) : name) + ".pub");
        if (!force) {
            for (Path p : new Path[] {secret, pub}) {
                if (Files.exists(p)) {
                    throw new FileAlreadyExistsException(p + ": exists (--force replaces it)");
                }
            }
        }
        char[] pw = null;
        if (protect) {
            pw = password.forNewKey();
            if (pw == null) {
                throw new IllegalArgumentException("--protect needs a password: give --key-password-file FILE or run on a terminal");
            }
        }
        SecretKeyFile key = SecretKeyFile.generate();
        Files.deleteIfExists(secret);
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, key.format(pw), UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(pub, key.publicKey().format(), UTF_8);
        if (common.json) {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("keyId", key.id().toString());
            out.put("secretKey", secret.toString());
            out.put("publicKey", pub.toString());
            Json.print(common.out(), out);
        } else {
            common.out().println("key " + key.id() + ": secret " + secret + ", public " + pub);
        }
        return ExitCode.OK;
    }
}
