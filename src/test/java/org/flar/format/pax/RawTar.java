package org.flar.format.pax;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Hand-made tar streams for reader tests: any field, any record, any damage. */
final class RawTar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A ustar header; {@code tweak} may change any byte (magic included) before the checksum is set. */
    RawTar header(char typeflag, String name, long size, Consumer<byte[]> tweak) {
        byte[] block = new byte[UstarHeader.BLOCK];
        UstarHeader.putBytes(block, UstarHeader.NAME, UstarHeader.NAME_LEN, name.getBytes(StandardCharsets.UTF_8));
        UstarHeader.putOctal(block, UstarHeader.MODE, 8, 0644);
        UstarHeader.putOctal(block, UstarHeader.UID, 8, 0);
        UstarHeader.putOctal(block, UstarHeader.GID, 8, 0);
        UstarHeader.putOctal(block, UstarHeader.SIZE, 12, size);
        UstarHeader.putOctal(block, UstarHeader.MTIME, 12, 0);
        block[UstarHeader.TYPEFLAG] = (byte) typeflag;
        UstarHeader.finish(block);
        tweak.accept(block);
        UstarHeader.putOctal(block, UstarHeader.CHKSUM, 7, UstarHeader.checksum(block, false));
        out.writeBytes(block);
        return this;
    }

    RawTar header(char typeflag, String name, long size) {
        return header(typeflag, name, size, b -> { });
    }

    /** A pax 'x' header from alternating keys and values. */
    RawTar pax(String... keysAndValues) {
        PaxHeaderBuilder b = new PaxHeaderBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            b.add(keysAndValues[i], keysAndValues[i + 1]);
        }
        return paxData('x', b.toByteArray());
    }

    RawTar paxData(char typeflag, byte[] records) {
        header(typeflag, "PaxHeaders/x", records.length);
        return data(records);
    }

    /** Entry data with its padding. */
    RawTar data(byte[] content) {
        out.writeBytes(content);
        out.writeBytes(new byte[(UstarHeader.BLOCK - content.length % UstarHeader.BLOCK) % UstarHeader.BLOCK]);
        return this;
    }

    RawTar data(String content) {
        return data(content.getBytes(StandardCharsets.UTF_8));
    }

    RawTar end() {
        out.writeBytes(new byte[2 * UstarHeader.BLOCK]);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
