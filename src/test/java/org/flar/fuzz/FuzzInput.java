package org.flar.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What the fuzz targets share: the input size bound and a few byte helpers. */
final class FuzzInput {

    /**
     * Inputs past this are skipped. Every parser bounds what it reads by the claims it checks,
     * so large inputs find nothing small ones cannot, and the fuzzing JVM's small heap then
     * turns any allocation sized by an unchecked claim into an OutOfMemoryError finding.
     */
    static final int MAX = 64 << 10;

    private FuzzInput() {
    }

    static boolean tooLarge(byte[] data) {
        return data.length > MAX;
    }

    /** Reads a stream to its end without keeping it: a content stream may claim any length. */
    static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(byte[] data) {
        return new String(data, UTF_8);
    }
}
