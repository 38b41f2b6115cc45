package org.flar.signature;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * A minisign signature, as a {@code .minisig} file holds it: an untrusted comment; base64 of
 * "ED" (prehashed: the message's BLAKE2b-512 is what is signed), the key id and the 64-byte
 * Ed25519 signature; the trusted comment; base64 of the global signature over the signature
 * and the trusted comment's text, which makes the comment as trustworthy as the rest.
 * Legacy signatures ("Ed", the message signed whole) are refused: minisign has made
 * prehashed ones by default since 0.10, and an archive is too large to sign whole.
 */
public record MinisignSignature(KeyId keyId, byte[] signature, String trustedComment, byte[] globalSignature) {
    private static final int LENGTH = 2 + 8 + 64;

    /** Signs the message whose BLAKE2b-512 is {@code hash}. */
    public static MinisignSignature sign(SecretKeyFile key, byte[] hash, String trustedComment) {
        if (trustedComment.indexOf('\n') >= 0 || trustedComment.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a trusted comment is one line");
        }
        byte[] sig = key.sign(hash);
        byte[] global = key.sign(Ed25519.concat(sig, trustedComment.getBytes(UTF_8)));
        return new MinisignSignature(key.id(), sig, trustedComment, global);
    }

    public static MinisignSignature parse(String text, String where) {
        List<String> lines = MinisignText.lines(text);
        if (lines.size() < 4 || !lines.get(0).startsWith(MinisignText.UNTRUSTED)
                || !lines.get(2).startsWith(MinisignText.TRUSTED)) {
            throw new KeyFileException(where + ": not a minisign signature (untrusted comment, signature, "
                    + "trusted comment, global signature)");
        }
        byte[] b = MinisignText.base64(lines.get(1), LENGTH, where, "the signature");
        if (b[0] == 'E' && b[1] == 'd') {
            throw new KeyFileException(where + ": a legacy minisign signature (minisign -l); sign without -l");
        }
        if (b[0] != 'E' || b[1] != 'D') {
            throw new KeyFileException(where + ": not an Ed25519 minisign signature");
        }
        byte[] global = MinisignText.base64(lines.get(3), 64, where, "the global signature");
        return new MinisignSignature(new KeyId(Arrays.copyOfRange(b, 2, 10)), Arrays.copyOfRange(b, 10, LENGTH),
                lines.get(2).substring(MinisignText.TRUSTED.length()), global);
    }

    /** Whether this verifies with {@code key} over the message whose BLAKE2b-512 is {@code hash}, trusted comment included. */
    public boolean verifies(PublicKeyFile key, byte[] hash) {
        return key.id().equals(keyId) && Ed25519.verify(key.key(), hash, signature)
                && Ed25519.verify(key.key(), Ed25519.concat(signature, trustedComment.getBytes(UTF_8)), globalSignature);
    }

    public String format(String untrustedComment) {
        byte[] b = new byte[LENGTH];
        b[0] = 'E';
        b[1] = 'D';
        System.arraycopy(keyId.bytes(), 0, b, 2, 8);
        System.arraycopy(signature, 0, b, 10, 64);
        return MinisignText.UNTRUSTED + untrustedComment + "\n" + MinisignText.encode(b) + "\n"
                + MinisignText.TRUSTED + trustedComment + "\n" + MinisignText.encode(globalSignature) + "\n";
    }

    public static byte[] blake2b512(byte[] message) {
        Blake2bDigest d = new Blake2bDigest(512);
        d.update(message, 0, message.length);
        byte[] out = new byte[64];
        d.doFinal(out, 0);
        return out;
    }

    public static byte[] blake2b512(InputStream in) throws IOException {
        Blake2bDigest d = new Blake2bDigest(512);
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            d.update(buf, 0, n);
        }
        byte[] out = new byte[64];
        d.doFinal(out, 0);
        return out;
    }
}
