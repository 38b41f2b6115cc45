package org.flar.signature;

import java.nio.charset.StandardCharsets;
import java.nio.CharBuffer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The key stream a password-protected minisign secret key is XORed with: libsodium's
 * crypto_pwhash_scryptsalsa208sha256 over the password and the key's salt, its scrypt N, r and
 * p derived from the key's opslimit and memlimit as libsodium derives them (pickparams), so keys
 * made by {@code minisign -G} open here and keys written here open in minisign.
 */
final class ScryptKeyStream {
    /**
     * The limits of keys flar protects: minisign's work (opslimit, crypto_pwhash_scryptsalsa208sha256
     * OPSLIMIT_SENSITIVE) in 64 MiB rather than its 1 GiB (scrypt N=2^16, r=8, p=16), so that flar's
     * 256 MiB heap opens them; minisign reads the limits from the key and opens them too.
     */
    static final long OPSLIMIT = 33_554_432L;
    static final long MEMLIMIT = 67_108_864L;
    /** What a key may ask for: minisign's own 1 GiB. A key asking more is refused rather than allocated. */
    private static final long MAX_MEMORY = 1L << 30;

    private ScryptKeyStream() {
    }

    static byte[] derive(char[] password, byte[] salt, long opslimit, long memlimit, int length, String where) {
        long ops = Math.max(opslimit, 32768);
        int r = 8;
        int nLog2;
        int p;
        if (ops < memlimit / 32) {
            p = 1;
            nLog2 = log2Above(ops / (r * 4L));
        } else {
            nLog2 = log2Above(memlimit / (r * 128L));
            long maxrp = Math.min((ops / 4) / (1L << nLog2), 0x3fffffffL);
            p = (int) (maxrp / r);
        }
        if (nLog2 > 30 || 128L * r * (1L << nLog2) > MAX_MEMORY || p < 1 || p > 16) {
            throw new KeyFileException(where + ": the secret key's password derivation asks for N=2^" + nLog2 + ", p=" + p
                    + " (more than the 1 GiB minisign uses); refused");
        }
        long needed = 128L * r * (1L << nLog2);
        Runtime rt = Runtime.getRuntime();
        if (needed + (32L << 20) > rt.maxMemory()) {
            throw new KeyFileException(where + ": opening the secret key takes " + (needed >> 20) + " MiB (its scrypt "
                    + "limits; minisign -G makes such keys) and flar's heap is " + (rt.maxMemory() >> 20) + " MiB: run with "
                    + "FLAR_MAX_HEAP=" + ((needed >> 20) + 256) + "m, or protect the key with flar keygen --protect (64 MiB)");
        }
        byte[] pw = utf8(password);
        try {
            return SCrypt.generate(pw, salt, 1 << nLog2, r, p, length);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    /** The smallest log2 with 2^log2 > max / 2 (libsodium's loop, from 1 up to 62). */
    private static int log2Above(long max) {
        int n = 1;
        while (n < 63 && (1L << n) <= max / 2) {
            n++;
        }
        return n;
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        Arrays.fill(b.array(), (byte) 0);
        return out;
    }
}
