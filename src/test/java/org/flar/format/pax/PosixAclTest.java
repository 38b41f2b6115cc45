package org.flar.format.pax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The binary and text forms of POSIX ACLs, on examples written by star, bsdtar and GNU tar. */
class PosixAclTest {
    static final String STAR = "user::rw-,user:1000:r--:1000,group::r-x,group:27:rwx:27,mask::rwx,other::r--";
    static final byte[] BINARY = acl(
            1, 6, -1,
            2, 4, 1000,
            4, 5, -1,
            8, 7, 27,
            0x10, 7, -1,
            0x20, 4, -1);

    @Test
    void toTextWritesStarsFormWithNumericIds() {
        assertThat(PosixAcl.toText(BINARY)).isEqualTo(STAR);
    }

    @Test
    void fromTextReadsStarsForm() {
        assertThat(PosixAcl.fromText(STAR)).isEqualTo(BINARY);
    }

    @Test
    void fromTextReadsBsdtarsNamesWithIds() {
        assertThat(PosixAcl.fromText("user::rw-,user:alice:r--:1000,group::r-x,group:wheel:rwx:27,mask::rwx,other::r--"))
                .isEqualTo(BINARY);
    }

    @Test
    void fromTextReadsGnuTarsLinesAndComments() {
        String gnu = "user::rw-\nuser:1000:r--\t#effective:r--\ngroup::r-x\ngroup:27:rwx\nmask::rwx\nother::r--\n";
        assertThat(PosixAcl.fromText(gnu)).isEqualTo(BINARY);
        assertThat(PosixAcl.fromText("# file: x\n# owner: root\n" + gnu.replace("\n", "\r\n"))).isEqualTo(BINARY);
    }

    @Test
    void fromTextSortsIntoTheKernelsOrder() {
        assertThat(PosixAcl.fromText("other::r--,mask::rwx,group:27:rwx,user:1000:r--,group::r-x,user::rw-"))
                .isEqualTo(BINARY);
        assertThat(PosixAcl.fromText("u::rw-, u:1000:r, g::rx ,g:27:rwx, m:rwx, o:r")).isEqualTo(BINARY);
    }

    @Test
    void minimalAclNeedsNoMask() {
        byte[] minimal = acl(1, 7, -1, 4, 5, -1, 0x20, 0, -1);
        assertThat(PosixAcl.toText(minimal)).isEqualTo("user::rwx,group::r-x,other::---");
        assertThat(PosixAcl.fromText("user::rwx,group::r-x,other::---")).isEqualTo(minimal);
    }

    @Test
    void toTextSortsNamedEntriesTheKernelKeptUnsorted() {
        byte[] unsorted = acl(1, 6, -1, 2, 4, 2000, 2, 4, 1000, 4, 4, -1, 0x10, 4, -1, 0x20, 4, -1);
        assertThat(PosixAcl.toText(unsorted))
                .isEqualTo("user::rw-,user:1000:r--:1000,user:2000:r--:2000,group::r--,mask::r--,other::r--");
    }

    @Test
    void nameWithoutIdIsRefusedByName() {
        assertThatThrownBy(() -> PosixAcl.fromText("user::rw-,user:alice:r--,group::r--,mask::r--,other::r--"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'alice'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                                           | no user:: entry",
        "user::rw-,group::r--                                         | no other:: entry",
        "user::rw-,user:5:r--,group::r--,other::r--                   | no mask:: entry",
        "user::rw-,user::r--,group::r--,other::r--                    | user:: twice",
        "user::rw-,user:5:r--,user:5:rw-,group::r--,mask::rw-,other::r-- | user:5 twice",
        "user::rw-,group::r--,other::r--,owner::r--                   | unknown tag 'owner'",
        "user::rwq,group::r--,other::r--                              | permissions 'rwq'",
        "user::rr-,group::r--,other::r--                              | repeats a permission",
        "user::rw-,group::r--,other::                                 | permissions ''",
        "user::rw-:5,group::r--,other::r--                            | has an id but no qualifier",
        "user::rw-,group::r--,mask:5:r--,other::r--                   | only user and group entries take",
        "user::rw-,user:5:r--:x,group::r--,mask::r--,other::r--       | has id 'x'",
        "user::rw-,user:4294967295:r--,group::r--,mask::r--,other::r-- | above the largest",
        "user::rw-,user:99999999999:r--,group::r--,mask::r--,other::r-- | expected a number",
        "user::rw-,user:-5:r--,group::r--,mask::r--,other::r--        | without a numeric id",
        "user::rw-:1:2,group::r--,other::r--                          | TAG:QUALIFIER:PERMS[:ID]",
        "default:user::rw-,group::r--,other::r--                      | unknown tag 'default'",
    })
    void fromTextRefusesMalformedText(String text, String message) {
        assertThatThrownBy(() -> PosixAcl.fromText(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void fromTextRefusesMoreEntriesThanAnXattrHolds() {
        StringBuilder text = new StringBuilder("user::rw-,group::r--,mask::r--,other::r--");
        for (int i = 0; i < PosixAcl.MAX_ENTRIES; i++) {
            text.append(",user:").append(i).append(":r--");
        }
        assertThatThrownBy(() -> PosixAcl.fromText(text.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 8191 entries");
    }

    @Test
    void messagesQuoteOnlyTheStartOfHugeInput() {
        String huge = "user:" + "a".repeat(100_000) + ":r--";
        assertThatThrownBy(() -> PosixAcl.fromText(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 5, 11, 13})
    void toTextRefusesLengthsThatAreNotHeaderPlusEntries(int length) {
        assertThatThrownBy(() -> PosixAcl.toText(new byte[length]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a 4-byte header followed by 8-byte entries");
    }

    @Test
    void toTextRefusesMalformedBinaries() {
        assertRefused(withVersion(BINARY, 1), "version 1, expected 2");
        assertRefused(acl(1, 6, -1, 0x40, 4, -1, 4, 4, -1, 0x20, 4, -1), "entry 1: unknown tag 0x40");
        assertRefused(acl(1, 8, -1, 4, 4, -1, 0x20, 4, -1), "permissions 010");
        assertRefused(acl(1, 6, 0, 4, 4, -1, 0x20, 4, -1), "id 0 on an entry without qualifier");
        assertRefused(acl(4, 4, -1, 1, 6, -1, 0x20, 4, -1), "entry 1: tag 0x1 after 0x4");
        assertRefused(acl(1, 6, -1, 2, 4, -1, 4, 4, -1, 0x10, 4, -1, 0x20, 4, -1), "id 4294967295 is not valid");
        assertRefused(acl(1, 6, -1, 2, 4, 7, 4, 4, -1, 0x20, 4, -1), "no mask:: entry");
        assertRefused(acl(1, 6, -1, 4, 4, -1), "no other:: entry");
        assertRefused(acl(), "no user:: entry");
        assertRefused(null, "null");
    }

    private static void assertRefused(byte[] binary, String message) {
        assertThatThrownBy(() -> PosixAcl.toText(binary))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static byte[] withVersion(byte[] binary, int version) {
        byte[] copy = binary.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(0, version);
        return copy;
    }

    /** A binary ACL from (tag, perm, id) triples, written independently of PosixAcl's encoder. */
    static byte[] acl(int... triples) {
        ByteBuffer b = ByteBuffer.allocate(4 + triples.length / 3 * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(2);
        for (int i = 0; i < triples.length; i += 3) {
            b.putShort((short) triples[i]).putShort((short) triples[i + 1]).putInt(triples[i + 2]);
        }
        return b.array();
    }
}
