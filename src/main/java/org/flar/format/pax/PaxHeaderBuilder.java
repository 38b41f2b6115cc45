package org.flar.format.pax;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds the data of a pax extended header as bytes, so binary values pass through untouched. */
final class PaxHeaderBuilder {
    private byte[] buf = new byte[1024];
    private int size;

    void add(String key, String value) {
        add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    void add(String key, byte[] value) {
        add(key.getBytes(StandardCharsets.UTF_8), value);
    }

    /** {@code key} must not contain '=': a reader ends the keyword at the first one. */
    void add(byte[] key, byte[] value) {
        long length = recordLength(key.length, value.length);
        if (size + length > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("pax header too large");
        }
        byte[] prefix = (length + " ").getBytes(StandardCharsets.US_ASCII);
        ensure((int) length);
        put(prefix);
        put(key);
        buf[size++] = '=';
        put(value);
        buf[size++] = '\n';
    }

    /** The length counts its own digits: grow the digit count until the total agrees with it. */
    static long recordLength(int keyLength, int valueLength) {
        long rest = (long) keyLength + valueLength + 3; // ' ', '=', '\n'
        int digits = 1;
        while (digits(rest + digits) != digits) {
            digits++;
        }
        return rest + digits;
    }

    private static int digits(long n) {
        return Long.toString(n).length();
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
