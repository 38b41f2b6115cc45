package org.flar.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flar.format.FlashArchiveTest.readEverything;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlashArchiveCorruptionTest {

    @TempDir
    Path dir;

    private ArchiveFixture fixture;
    private byte[] archive;

    @BeforeEach
    void build() throws IOException {
        fixture = new ArchiveFixture(dir).build();
        archive = fixture.write();
        readEverything(archive, "good.flar");
    }

    @Test
    void notAFlashArchive() {
        assertOpenFails("PK\3\4 a zip file\n", "x.flar: not a flash archive (no FlAsH-aRcHiVe cookie)");
        assertOpenFails("", "x.flar: not a flash archive (empty)");
        assertOpenFails("\0".repeat(10_000), "x.flar: not a flash archive (no FlAsH-aRcHiVe cookie)");
        assertOpenFails("FlAsH-aRcHiVe-3.0\nsection_begin=identification\n", "x.flar: unknown flash archive version 3.0");
        assertOpenFails("FlAsH-aRcHiVe-2\n", "x.flar: unknown flash archive version 2");
        assertOpenFails("FlAsH-aRc", "x.flar: truncated in the cookie line");
    }

    @Test
    void flippedByteInEachPartIsReportedWhereItIs() {
        assertFlipFails("web01 golden", "a.flar: identification section damaged (identification_sha256 mismatch)");
        assertFlipFails("files_archived_size=", "a.flar: identification section damaged (identification_sha256 mismatch)");
        assertFlipFails("etc/motd type=", "a.flar: section manifest damaged (SHA-256 mismatch)");
        assertFlipFails("free text", "a.flar: section X-notes damaged (SHA-256 mismatch)");
        assertFlipFails("echo pre", "a.flar: section predeployment damaged (SHA-256 mismatch)");
    }

    @Test
    void flippedPayloadByteFailsTheArchiveId() throws IOException {
        byte[] bad = archive.clone();
        bad[bad.length - 10] ^= 1;
        try (FlashArchiveReader r = FlashArchiveReader.open(new ByteArrayInputStream(bad), "a.flar")) {
            PayloadStream p = r.payload();
            assertThatThrownBy(p::verify).isInstanceOf(CorruptArchiveException.class)
                    .hasMessage("a.flar: archive_id mismatch: payload damaged");
            assertThatThrownBy(p::verify).hasMessage("a.flar: archive_id mismatch: payload damaged");
        }
        assertThatThrownBy(() -> readEverything(bad, "a.flar")).isInstanceOf(CorruptArchiveException.class)
                .hasMessageStartingWith("a.flar: ");
    }

    @Test
    void everySingleByteFlipIsDetectedOrChangesNothing() throws IOException {
        int undetected = 0;
        for (int i = 0; i < archive.length; i++) {
            for (int mask : new int[] {0x01, 0x20, 0x80}) {
                byte[] bad = archive.clone();
                bad[i] ^= (byte) mask;
                try {
                    readEverything(bad, "a.flar");
                } catch (CorruptArchiveException e) {
                    // damage inside a compressed frame can reach the cpio reader before the frame's checksum
                    assertThat(e.getMessage()).as("flip at %d", i).matches("(a\\.flar|cpio): .*");
                    continue;
                }
                undetected++;
                // Only spellings without meaning may change: the cookie's minor version, a keyword's case.
                assertThat(harmless(i)).as("undetected flip 0x%x at %d", mask, i).isTrue();
            }
        }
        assertThat(undetected).isLessThan(30);
    }

    @Test
    void truncationAtAnyOffsetIsDetected() {
        for (int n = 0; n < archive.length; n++) {
            byte[] cut = Arrays.copyOf(archive, n);
            assertThatThrownBy(() -> readEverything(cut, "t.flar")).as("cut at %d", n)
                    .isInstanceOf(CorruptArchiveException.class).hasMessageStartingWith("t.flar: ");
        }
        int payloadStart = archive.length - fixture.storedPayload.length;
        byte[] cut = Arrays.copyOf(archive, payloadStart + 10);
        assertThatThrownBy(() -> readEverything(cut, "t.flar"))
                .hasMessage("t.flar: archive truncated: 10 of " + fixture.storedPayload.length + " bytes");
        assertThatThrownBy(() -> readEverything(Arrays.copyOf(archive, 60), "t.flar"))
                .hasMessageStartingWith("t.flar: truncated in section identification");
    }

    @Test
    void extraBytesAfterThePayloadAreRefused() throws IOException {
        byte[] longer = Arrays.copyOf(archive, archive.length + 3);
        try (FlashArchiveReader r = FlashArchiveReader.open(new ByteArrayInputStream(longer), "a.flar")) {
            assertThatThrownBy(() -> r.payload().verify())
                    .hasMessage("a.flar: archive section longer than files_archived_size (" + fixture.storedPayload.length + " bytes)");
        }
    }

    @Test
    void structuralDamage() {
        String id = "section_begin=identification\ncontent_name=x\nsection_end=identification\n";
        assertOpenFails("FlAsH-aRcHiVe-2.0\nsection_begin=manifest\nsection_end=manifest\n",
                "x.flar: missing identification section: the first section is 'manifest'");
        assertOpenFails("FlAsH-aRcHiVe-2.0\ncontent_name=x\n", "x.flar: missing identification section (line 2 is 'content_name=x')");
        assertOpenFails("FlAsH-aRcHiVe-2.0\n", "x.flar: truncated: missing identification section");
        assertOpenFails("FlAsH-aRcHiVe-2.0\n" + id + "section_begin=Xa\nsection_end=Xa\nsection_begin=Xa\nsection_end=Xa\n",
                "x.flar: duplicate section Xa at line 7");
        assertOpenFails("FlAsH-aRcHiVe-2.0\n" + id + "section_begin=manifest\na\nsection_end=Xother\n",
                "x.flar: section manifest ended by 'section_end=Xother' at line 7");
        assertOpenFails("FlAsH-aRcHiVe-2.0\n" + id + "section_begin=manifest\na\nsection_begin=archive\n",
                "x.flar: section manifest has no section_end: line 7 is 'section_begin=archive'");
        assertOpenFails("FlAsH-aRcHiVe-2.0\n" + id + "stray line\n",
                "x.flar: expected section_begin= at line 5 after section identification, found 'stray line'");
        assertOpenFails("FlAsH-aRcHiVe-2.0\n" + id + "section_begin=notes\n", "x.flar: invalid section name 'notes' at line 5");
        assertOpenFails("FlAsH-aRcHiVe-2.0\n" + id, "x.flar: truncated: no archive section after section identification");
        assertOpenFails("FlAsH-aRcHiVe-2.0\n" + id + "section_begin=Xbig\n" + "y".repeat(FlashArchive.MAX_LINE + 1) + "\n",
                "x.flar: section Xbig line 6 is longer than 1048576 bytes");
        assertOpenFails("FlAsH-aRcHiVe-2.0\nsection_begin=identification\n" + "k=v\n".repeat(300_000),
                "x.flar: section identification is larger than 1048576 bytes");
        assertOpenFails("FlAsH-aRcHiVe-2.0\nsection_begin=identification\ncontent_name\nsection_end=identification\n"
                + "section_begin=archive\n", "x.flar: identification line 'content_name' is not keyword=value");
    }

    @Test
    void checksumsMissingOrNotCoveringASection() throws IOException {
        String text = new String(archive, UTF_8);
        // a section spliced in after the archive was made
        String spliced = text.replace("section_begin=archive\n", "section_begin=Xevil\nrm -rf /\nsection_end=Xevil\nsection_begin=archive\n");
        assertOpenFails(spliced.getBytes(UTF_8), "a.flar",
                "a.flar: section Xevil is not covered by section_sha256 (added after the archive was made?)");
        // a section removed
        int from = text.indexOf("section_begin=X-notes");
        int to = text.indexOf("section_end=X-notes\n") + "section_end=X-notes\n".length();
        String removed = text.substring(0, from) + text.substring(to);
        assertOpenFails(removed.getBytes(UTF_8), "a.flar", "a.flar: section_sha256 lists section X-notes, which the archive lacks");
        // checksum lines stripped from a flar_format archive
        String stripped = text.replaceAll("identification_sha256=[0-9a-f]+\n", "");
        assertOpenFails(stripped.getBytes(UTF_8), "a.flar",
                "a.flar: identification has flar_format but no identification_sha256 (damaged or forged)");
        String moved = text.replaceFirst("(identification_sha256=[0-9a-f]+\n)", "$1X-late=1\n");
        assertOpenFails(moved.getBytes(UTF_8), "a.flar",
                "a.flar: identification_sha256 is not the last line of the identification section");
    }

    @Test
    void manifestOrderAndCountAreEnforced() throws IOException {
        ArchiveFixture f = new ArchiveFixture(dir);
        f.entries.add(1, ArchiveFixture.file("zzz", ""));
        byte[] outOfOrder = f.build().write();
        try (FlashArchiveReader r = FlashArchiveReader.open(new ByteArrayInputStream(outOfOrder), "o.flar");
             ManifestReader m = r.manifest()) {
            m.next();
            m.next();
            assertThatThrownBy(m::next).isInstanceOf(CorruptArchiveException.class)
                    .hasMessage("o.flar: duplicate or out-of-order entry 'etc' at manifest line 3");
        }
        ArchiveFixture g = new ArchiveFixture(dir);
        g.entries.add(g.entries.get(2));
        try (FlashArchiveReader r = FlashArchiveReader.open(new ByteArrayInputStream(g.build().write()), "d.flar");
             ManifestReader m = r.manifest()) {
            assertThatThrownBy(() -> {
                while (m.next() != null) {
                    // reading on
                }
            }).hasMessage("d.flar: duplicate or out-of-order entry 'etc/hostname' at manifest line 6");
        }
        ArchiveFixture h = new ArchiveFixture(dir).build();
        h.identification.put(Identification.PAYLOAD_ENTRIES, "9");
        try (FlashArchiveReader r = FlashArchiveReader.open(new ByteArrayInputStream(h.write()), "n.flar");
             ManifestReader m = r.manifest()) {
            assertThatThrownBy(() -> {
                while (m.next() != null) {
                    // reading on
                }
            }).hasMessage("n.flar: manifest has 5 entries but payload_entries says 9");
        }
    }

    @Test
    void aBadManifestLineIsNamedByNumber() throws IOException {
        ArchiveFixture f = new ArchiveFixture(dir).build();
        f.manifest = (new String(f.manifest, UTF_8).replace("etc/motd type=file mode=0644", "etc/motd type=file mode=9999"))
                .getBytes(UTF_8);
        try (FlashArchiveReader r = FlashArchiveReader.open(new ByteArrayInputStream(f.write()), "m.flar");
             ManifestReader m = r.manifest()) {
            List<String> seen = new ArrayList<>();
            assertThatThrownBy(() -> {
                for (ManifestEntry e; (e = m.next()) != null; ) {
                    seen.add(e.path());
                }
            }).hasMessage("m.flar: manifest line 4: mode '9999' is not four octal digits");
            assertThat(seen).containsExactly(".", "etc", "etc/hostname");
        }
    }

    @Test
    void payloadAndManifestDisagreementIsVisible() throws IOException {
        ArchiveFixture f = new ArchiveFixture(dir).build();
        Entry changed = f.entries.get(2).toBuilder().mode(0600).build();
        f.manifest = new String(f.manifest, UTF_8).replace(ManifestLine.format(f.entries.get(2)), ManifestLine.format(changed))
                .getBytes(UTF_8);
        assertThatThrownBy(() -> readEverything(f.write(), "p.flar")).hasMessage("payload and manifest disagree at etc/hostname");
        assertThat(ManifestEntry.of(changed).differences(f.entries.get(2))).isEqualTo("mode 0600 != 0644");
        assertThat(changed.type()).isEqualTo(EntryType.FILE);
    }

    private boolean harmless(int offset) {
        String cookie = FlashArchive.COOKIE;
        if (offset == cookie.length() - 1) {
            return true; // minor version digit
        }
        // an identification keyword's letter changing case
        String text = new String(archive, 0, Math.min(archive.length, 4096), UTF_8);
        int idEnd = text.indexOf("section_end=identification");
        if (offset >= idEnd) {
            return false;
        }
        int lineStart = text.lastIndexOf('\n', offset) + 1;
        int eq = text.indexOf('=', lineStart);
        return offset < eq && Character.isLetter(text.charAt(offset));
    }

    private void assertFlipFails(String marker, String message) {
        int at = new String(archive, UTF_8).indexOf(marker);
        assertThat(at).isPositive();
        byte[] bad = archive.clone();
        bad[at + 1] ^= 1;
        assertOpenFails(bad, "a.flar", message);
    }

    private static void assertOpenFails(String text, String message) {
        assertOpenFails(text.getBytes(UTF_8), "x.flar", message);
    }

    private static void assertOpenFails(byte[] bytes, String name, String message) {
        assertThatThrownBy(() -> {
            try (FlashArchiveReader r = FlashArchiveReader.open(new ByteArrayInputStream(bytes), name)) {
                r.identification();
            }
        }).isInstanceOf(CorruptArchiveException.class).hasMessage(message);
    }
}
