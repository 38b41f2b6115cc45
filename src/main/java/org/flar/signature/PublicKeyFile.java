package org.flar.signature;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A minisign public key file: an untrusted comment, then base64 of "Ed", the 8-byte key id and
 * the 32-byte Ed25519 public key. What {@code minisign -G} and {@code flar keygen} write as
 * {@code *.pub}.
 */
public record PublicKeyFile(KeyId id, byte[] key) {
    private static final int LENGTH = 2 + 8 + 32;

    public static PublicKeyFile read(Path file) throws IOException {
        if (Files.size(file) > 4096) {
            throw new KeyFileException(file + ": too large for a minisign public key");
        }
        return parse(Files.readString(file, UTF_8), file.toString());
    }

    public static PublicKeyFile parse(String text, String where) {
        List<String> lines = MinisignText.lines(text);
        if (lines.size() >= 1 && lines.getFirst().contains("secret key")) {
            throw new KeyFileException(where + ": a secret key, not a public key (give the .pub file)");
        }
        if (lines.size() < 2 || !lines.get(0).startsWith(MinisignText.UNTRUSTED)) {
            throw new KeyFileException(where + ": not a minisign public key (no 'untrusted comment:' line, then the key)");
        }
        byte[] b = MinisignText.base64(lines.get(1), LENGTH, where, "the public key");
        if (b[0] != 'E' || b[1] != 'd') {
            throw new KeyFileException(where + ": not an Ed25519 minisign public key");
        }
        return new PublicKeyFile(new KeyId(Arrays.copyOfRange(b, 2, 10)), Arrays.copyOfRange(b, 10, LENGTH));
    }

    public String format() {
        byte[] b = new byte[LENGTH];
        b[0] = 'E';
        b[1] = 'd';
        System.arraycopy(id.bytes(), 0, b, 2, 8);
        System.arraycopy(key, 0, b, 10, 32);
        return MinisignText.UNTRUSTED + "minisign public key " + id + "\n" + MinisignText.encode(b) + "\n";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKeyFile p && p.id.equals(id) && Arrays.equals(p.key, key);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
