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
 * A minisign secret key file: base64 of "Ed", the KDF ("\0\0" none, or "Sc" scrypt), "B2", a
 * 32-byte KDF salt, opslimit and memlimit (little endian), then the key id, libsodium's 64-byte
 * secret key (seed, then public key) and a BLAKE2b-256 checksum of "Ed", id and secret key. In a
 * password-protected key ({@code minisign -G}, {@code flar keygen --protect}) those last 104
 * bytes are XORed with {@link ScryptKeyStream}; the checksum then tells a wrong password. An
 * unattended signer (a nightly capture) uses an unencrypted key kept 0600, or a password file.
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

    /** An unencrypted key; a protected one is refused with how to give its password. */
    public static SecretKeyFile read(Path file) throws IOException {
        return read(file, KeyPassword.NONE);
    }

    public static SecretKeyFile read(Path file, KeyPassword password) throws IOException {
        if (Files.size(file) > 4096) {
            throw new KeyFileException(file + ": too large for a minisign secret key");
        }
        return parse(Files.readString(file, UTF_8), file.toString(), password);
    }

    static SecretKeyFile parse(String text, String where) throws IOException {
        return parse(text, where, KeyPassword.NONE);
    }

    static SecretKeyFile parse(String text, String where, KeyPassword password) throws IOException {
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
        boolean protectedKey = b[2] == 'S' && b[3] == 'c';
        if (!protectedKey && (b[2] != 0 || b[3] != 0)) {
            throw new KeyFileException(where + ": unknown key derivation in the secret key");
        }
        if (protectedKey) {
            char[] pw = password.forKey(where);
            if (pw == null) {
                throw new KeyFileException(where + ": the secret key is password-protected; give --key-password-file FILE "
                        + "or run on a terminal to type it");
            }
            try {
                xor(b, ScryptKeyStream.derive(pw, Arrays.copyOfRange(b, 6, 38), le64(b, 38), le64(b, 46), 104, where));
            } finally {
                Arrays.fill(pw, '\0');
            }
        }
        KeyId id = new KeyId(Arrays.copyOfRange(b, 54, 62));
        byte[] seed = Arrays.copyOfRange(b, 62, 94);
        byte[] pk = Arrays.copyOfRange(b, 94, 126);
        byte[] chk = Arrays.copyOfRange(b, 126, 158);
        // minisign leaves the checksum of an unencrypted key zero; flar writes it.
        if (protectedKey && !Arrays.equals(chk, checksum(id, seed, pk))) {
            throw new KeyFileException(where + ": wrong password for the secret key (or the key is damaged)");
        }
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

    /** The key unencrypted (keep the file 0600). */
    public String format() {
        return format(null);
    }

    /** The key protected by {@code password} with minisign's limits, or unencrypted when it is null. */
    public String format(char[] password) {
        byte[] b = new byte[LENGTH];
        b[0] = 'E';
        b[1] = 'd';
        b[4] = 'B';
        b[5] = '2';
        System.arraycopy(id.bytes(), 0, b, 54, 8);
        System.arraycopy(seed, 0, b, 62, 32);
        System.arraycopy(publicKey, 0, b, 94, 32);
        System.arraycopy(checksum(id, seed, publicKey), 0, b, 126, 32);
        if (password != null) {
            b[2] = 'S';
            b[3] = 'c';
            byte[] salt = new byte[32];
            new SecureRandom().nextBytes(salt);
            System.arraycopy(salt, 0, b, 6, 32);
            putLe64(b, 38, ScryptKeyStream.OPSLIMIT);
            putLe64(b, 46, ScryptKeyStream.MEMLIMIT);
            xor(b, ScryptKeyStream.derive(password, salt, ScryptKeyStream.OPSLIMIT, ScryptKeyStream.MEMLIMIT, 104, "new key"));
        }
        return MinisignText.UNTRUSTED + "minisign " + (password != null ? "encrypted " : "") + "secret key " + id
                + (password != null ? "\n" : " (unencrypted: keep it 0600)\n") + MinisignText.encode(b) + "\n";
    }

    /** XORs the key id, secret key and checksum (bytes 54 to 158) with a password's key stream. */
    private static void xor(byte[] key, byte[] stream) {
        for (int i = 0; i < 104; i++) {
            key[54 + i] ^= stream[i];
        }
        Arrays.fill(stream, (byte) 0);
    }

    private static long le64(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xff);
        }
        return v;
    }

    private static void putLe64(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> 8 * i);
        }
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
