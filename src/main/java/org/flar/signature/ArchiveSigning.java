package org.flar.signature;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.flar.format.Identification;
import org.flar.format.Show;
import org.flar.format.SignedCopy;
import org.flar.fs.TempNames;

/**
 * Signs an archive twice with one key: inside, a signature of its identification section (which
 * binds every other section and the payload by their hashes), so a deploy from a pipe checks it
 * before the first entry; and beside a file, {@code ARCHIVE.minisig} over the whole file, which
 * {@code minisign -V} checks.
 */
public final class ArchiveSigning {
    /** The detached signature's name beside an archive. */
    public static final String SUFFIX = ".minisig";

    private final SecretKeyFile key;

    public ArchiveSigning(SecretKeyFile key) {
        this.key = key;
    }

    /** Copies an archive from {@code in} to {@code out} with the signature section; the identification it signed. */
    public Identification signStream(InputStream in, OutputStream out, String name) throws IOException {
        return SignedCopy.copy(in, out, name, this::section);
    }

    /** Signs the file in place (rewritten under a temporary name, then renamed), and writes FILE.minisig; returns that. */
    public Path signFile(Path archive) throws IOException {
        Path tmp = TempNames.beside(archive.toAbsolutePath());
        Identification id;
        try {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                id = signStream(in, out, archive.toString());
            }
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(archive));
            Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        byte[] hash;
        try (InputStream in = Files.newInputStream(archive)) {
            hash = MinisignSignature.blake2b512(in);
        }
        String comment = "timestamp:" + Instant.now().getEpochSecond() + "\tfile:" + Show.line(archive.getFileName().toString())
                + "\thashed\tcontent_name:" + Show.line(id.get(Identification.CONTENT_NAME));
        Path detached = Path.of(archive + SUFFIX);
        Files.writeString(detached, MinisignSignature.sign(key, hash, comment).format("signature from flar secret key "
                + key.id()), UTF_8);
        return detached;
    }

    private byte[] section(byte[] identification) {
        Identification id = Identification.parse(identification.length == 0 ? java.util.List.of()
                : new String(identification, UTF_8).lines().toList());
        String comment = "timestamp:" + Instant.now().getEpochSecond() + "\tarchive_id:" + id.get(Identification.ARCHIVE_ID)
                + "\tcontent_name:" + Show.line(id.get(Identification.CONTENT_NAME));
        return MinisignSignature.sign(key, MinisignSignature.blake2b512(identification), comment)
                .format("flar signature of the identification section, key " + key.id()).getBytes(UTF_8);
    }
}
