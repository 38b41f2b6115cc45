package org.flar.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flar.signature.ArchiveSigning;
import org.flar.signature.SecretKeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {
            "Sign an archive with a minisign secret key (flar keygen). Two signatures: one inside the archive, of its "
                    + "identification section, which binds every other section and the payload by their hashes, so "
                    + "that deploy, verify and media restore with --trusted-key check it before anything is written, "
                    + "even from a pipe; and for a file, ARCHIVE.minisig beside it, over the whole file, which "
                    + "'minisign -V -p KEY.pub -m ARCHIVE' checks. A signature already inside is replaced. The "
                    + "archive's checksums and archive_id do not change."},
        footer = {"", "Examples:", "  flar sign --key /root/flar/master.key web01.flar",
            "  flar create -n web01 - | flar sign --key master.key - | ssh store 'cat > web01.flar'", ExitCode.HELP})
final class SignCommand implements Callable<Integer> {
    @Option(names = {"-k", "--key"}, paramLabel = "KEY", required = true, description = "The secret key file.")
    Path key;

    @Mixin
    KeyPasswordOptions password;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "ARCHIVE", description = "The archive, signed in place; or - to copy standard input to "
            + "standard output with the signature inside (no .minisig then).")
    String archive;

    @Override
    public Integer call() throws IOException {
        SecretKeyFile secret = SecretKeyFile.read(key, password.source());
        ArchiveSigning signing = new ArchiveSigning(secret);
        if (archive.equals("-")) {
            OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
            signing.signStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16), out, "standard input");
            out.flush();
            return ExitCode.OK;
        }
        Path detached = signing.signFile(Path.of(archive));
        if (!common.quiet && !common.json) {
            common.err().println("flar: " + archive + " signed with key " + secret.id()
                    + "; detached signature " + detached);
        }
        return ExitCode.OK;
    }
}
