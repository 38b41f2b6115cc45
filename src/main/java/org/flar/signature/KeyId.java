package org.flar.signature;

import java.util.Arrays;
import java.util.HexFormat;

/** A minisign key number: 8 random bytes, shown as minisign shows them (little-endian, upper-case hex). */
public record KeyId(byte[] bytes) {
    public KeyId {
        if (bytes.length != 8) {
            throw new IllegalArgumentException("a key id has 8 bytes");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyId k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        byte[] reversed = new byte[8];
        for (int i = 0; i < 8; i++) {
            reversed[i] = bytes[7 - i];
        }
        return HexFormat.of().withUpperCase().formatHex(reversed);
    }
}
