package org.flar.signature;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * A minisign secret key file, unencrypted (what {@code minisign -G -W} and {@code flar keygen}
 * write): base64 of "Ed", the KDF "\0\0" (none), "B2", 48 bytes of KDF salt and limits (zero),
 * the key id, libsodium's 64-byte secret key (seed, then public key) and a BLAKE2b-256 checksum
 * of "Ed", id and secret key. A password-protected key (KDF "Sc") is refused: a signing step
 * that runs unattended has no one to type its password, and a key at rest is protected by its
 * file's mode instead.
 */
public final class SecretKeyFile {
    private static final int LENGTH = 2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32;
    private final KeyId id;
    private final byte[] seed;
    private final byte[] publicKey;

    private SecretKeyFile(KeyId id, byte[] seed, byte[] publicKey) {
        this.id = id;
        this.seed = seed;
        this.publicKey = publicKey;
    }

    public static SecretKeyFile generate() {
        byte[][] pair = Ed25519.generate();
        byte[] id = new byte[8];
        new SecureRandom().nextBytes(id);
        return new SecretKeyFile(new KeyId(id), pair[0], pair[1]);
    }

    public static SecretKeyFile read(Path file) throws IOException {
        if (Files.size(file) > 4096) {
            throw new KeyFileException(file + ": too large for a minisign secret key");
        }
        return parse(Files.readString(file, UTF_8), file.toString());
    }

    static SecretKeyFile parse(String text, String where) {
        List<String> lines = MinisignText.lines(text);
        if (lines.size() >= 1 && lines.getFirst().contains("public key")) {
            throw new KeyFileException(where + ": a public key; signing needs the secret key");
        }
        if (lines.size() < 2 || !lines.get(0).startsWith(MinisignText.UNTRUSTED)) {
            throw new KeyFileException(where + ": not a minisign secret key (no 'untrusted comment:' line, then the key)");
        }
        byte[] b = MinisignText.base64(lines.get(1), LENGTH, where, "the secret key");
        if (b[0] != 'E' || b[1] != 'd' || b[4] != 'B' || b[5] != '2') {
            throw new KeyFileException(where + ": not an Ed25519 minisign secret key");
        }
        if (b[2] == 'S' && b[3] == 'c') {
            throw new KeyFileException(where + ": the secret key is password-protected; flar signs unattended with an "
                    + "unencrypted key (flar keygen, or minisign -G -W) kept with mode 0600");
        }
        if (b[2] != 0 || b[3] != 0) {
            throw new KeyFileException(where + ": unknown key derivation in the secret key");
        }
        KeyId id = new KeyId(Arrays.copyOfRange(b, 54, 62));
        byte[] seed = Arrays.copyOfRange(b, 62, 94);
        byte[] pk = Arrays.copyOfRange(b, 94, 126);
        byte[] chk = Arrays.copyOfRange(b, 126, 158);
        // minisign leaves the checksum of an unencrypted key zero; flar writes it.
        if (!Arrays.equals(chk, new byte[32]) && !Arrays.equals(chk, checksum(id, seed, pk))) {
            throw new KeyFileException(where + ": the secret key fails its checksum (damaged)");
        }
        if (!Ed25519.matches(seed, pk)) {
            throw new KeyFileException(where + ": the secret key's two halves do not belong together (damaged)");
        }
        return new SecretKeyFile(id, seed, pk);
    }

    public KeyId id() {
        return id;
    }

    public PublicKeyFile publicKey() {
        return new PublicKeyFile(id, publicKey);
    }

    byte[] sign(byte[] message) {
        return Ed25519.sign(seed, message);
    }

    public String format() {
        byte[] b = new byte[LENGTH];
        b[0] = 'E';
        b[1] = 'd';
        b[4] = 'B';
        b[5] = '2';
        System.arraycopy(id.bytes(), 0, b, 54, 8);
        System.arraycopy(seed, 0, b, 62, 32);
        System.arraycopy(publicKey, 0, b, 94, 32);
        System.arraycopy(checksum(id, seed, publicKey), 0, b, 126, 32);
        return MinisignText.UNTRUSTED + "minisign secret key " + id + " (unencrypted: keep it 0600)\n"
                + MinisignText.encode(b) + "\n";
    }

    private static byte[] checksum(KeyId id, byte[] seed, byte[] pk) {
        Blake2bDigest d = new Blake2bDigest(256);
        d.update(new byte[] {'E', 'd'}, 0, 2);
        d.update(id.bytes(), 0, 8);
        d.update(seed, 0, 32);
        d.update(pk, 0, 32);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
