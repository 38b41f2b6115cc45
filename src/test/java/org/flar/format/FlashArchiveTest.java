package org.flar.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flar.entry.Entry;
import org.flar.entry.EntryType;
import org.flar.format.compress.Compression;
import org.flar.format.cpio.NewcReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlashArchiveTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsEverySectionKindByteForByte() throws IOException {
        ArchiveFixture f = new ArchiveFixture(dir);
        f.sections.clear();
        for (String name : List.of("predeployment", "postdeployment", "reboot", "summary", "identity", "layout",
                "X-empty", "Xb64", "X with spaces")) {
            f.sections.put(name, name.equals("X-empty") ? new byte[0]
                    : ("# " + name + "\nline two \u00e9\u65e5\n\nlast\n").getBytes(UTF_8));
        }
        byte[] archive = f.build().write();

        String text = new String(archive, 0, 400, UTF_8);
        assertThat(text).startsWith("FlAsH-aRcHiVe-2.0\nsection_begin=identification\narchive_id=");
        try (FlashArchiveReader r = FlashArchiveReader.open(ArchiveFixture.trickle(archive), "golden.flar")) {
            assertThat(r.cookie()).isEqualTo("FlAsH-aRcHiVe-2.0");
            assertThat(r.isFlarFormat()).isTrue();
            List<String> expected = new ArrayList<>(List.of("identification", "manifest"));
            expected.addAll(f.sections.keySet());
            expected.add("archive");
            assertThat(r.sectionNames()).containsExactlyElementsOf(expected);
            assertThat(r.section("manifest")).isEqualTo(f.manifest);
            for (var s : f.sections.entrySet()) {
                assertThat(r.section(s.getKey())).as(s.getKey()).isEqualTo(s.getValue());
                assertThat(r.sectionStream(s.getKey()).readAllBytes()).isEqualTo(s.getValue());
            }
            Identification id = r.identification();
            assertThat(id.keywords()).endsWith("section_sha256", "identification_sha256");
            assertThat(id.copy().remove("section_sha256").remove("identification_sha256")).isEqualTo(f.identification);
            assertThat(id.get("section_sha256")).startsWith("manifest:" + ArchiveFixture.sha(f.manifest) + ",predeployment:");
            // the identification section is exactly its lines
            assertThat(new String(r.section("identification"), UTF_8)).isEqualTo(String.join("\n", id.lines()) + "\n");

            List<ManifestEntry> manifest = new ArrayList<>();
            try (ManifestReader m = r.manifest()) {
                for (ManifestEntry e; (e = m.next()) != null; ) {
                    manifest.add(e);
                }
            }
            assertThat(manifest).extracting(ManifestEntry::entry).containsExactlyElementsOf(f.entries);
            PayloadStream payload = r.payload();
            assertThat(payload.readAllBytes()).isEqualTo(f.storedPayload);
            payload.verify();
            assertThat(payload.count()).isEqualTo(f.storedPayload.length);
        }
    }

    @Test
    void payloadDecompressesIntoTheEntriesTheManifestDescribes() throws IOException {
        for (Compression c : Compression.values()) {
            ArchiveFixture f = new ArchiveFixture(dir);
            f.compression = c;
            byte[] archive = f.build().write();
            try (FlashArchiveReader r = FlashArchiveReader.open(new ByteArrayInputStream(archive), "a.flar");
                 ManifestReader m = r.manifest();
                 NewcReader payload = new NewcReader(r.payloadDecompressed())) {
                for (Entry e; (e = payload.next()) != null; ) {
                    ManifestEntry line = m.next();
                    assertThat(line.describes(e)).as(line.differences(e)).isTrue();
                    byte[] content = payload.content().readAllBytes();
                    if (e.type() == EntryType.FILE) {
                        assertThat(ArchiveFixture.sha(content)).isEqualTo(line.entry().sha256());
                    }
                }
                assertThat(m.next()).isNull();
            }
        }
    }

    @Test
    void anAlignedHeaderIsAWholeNumberOfBlocksAndReadsAsTheUnpaddedOne() throws IOException {
        ArchiveFixture f = new ArchiveFixture(dir).build();
        for (int block : new int[] {512, 1024, 4096, 65536}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FlashArchiveWriter w = new FlashArchiveWriter(out).identification(f.identification)
                    .section("manifest", f.manifest).alignHeader(block);
            f.sections.forEach(w::section);
            long size = w.headerSize(f.storedPayload.length);
            assertThat(size % block).as("block " + block).isZero();
            assertThat(w.writeHeader(f.storedPayload.length)).isEqualTo(size);
            out.write(f.storedPayload);
            byte[] archive = out.toByteArray();
            assertThat(new String(archive, 0, (int) size, UTF_8)).endsWith("\nsection_begin=archive\n");
            try (FlashArchiveReader r = FlashArchiveReader.open(new ByteArrayInputStream(archive), "aligned.flar")) {
                assertThat(r.identification().get(Identification.FLAR_PADDING)).matches("0*");
                assertThat(r.identification().unknownKeywords()).isEmpty();
                assertThat(r.payload().readAllBytes()).isEqualTo(f.storedPayload);
            }
        }
        // An identification read from a padded archive and written again: its padding is not kept.
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        FlashArchiveWriter w = new FlashArchiveWriter(again)
                .identification(f.identification.copy().put(Identification.FLAR_PADDING, "00"))
                .section("manifest", f.manifest);
        f.sections.forEach(w::section);
        w.writeHeader(f.storedPayload.length);
        assertThat(again.toString(UTF_8)).doesNotContain("flar_padding");
    }

    @Test
    void writesThroughAFileChannelToTheSameBytes() throws IOException {
        ArchiveFixture f = new ArchiveFixture(dir).build();
        byte[] viaStream = f.write();
        Path out = dir.resolve("a.flar");
        Files.write(dir.resolve("m"), f.manifest);
        Files.write(dir.resolve("p"), f.storedPayload);
        try (FileOutputStream fos = new FileOutputStream(out.toFile())) {
            FlashArchiveWriter w = new FlashArchiveWriter(fos).identification(f.identification)
                    .section("manifest", dir.resolve("m"));
            f.sections.forEach(w::section);
            w.payload(dir.resolve("p")).write();
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(viaStream);
    }

    @Test
    void aLargeManifestIsSpooledToDiskAndRemovedOnClose() throws IOException {
        ArchiveFixture f = new ArchiveFixture(dir);
        for (int i = 0; i < 60_000; i++) {
            f.add(Entry.builder(String.format("usr/share/doc/file-%06d with a longer name", i), EntryType.FILE)
                    .mode(0644).mtimeNanos(1_600_000_000_000_000_000L + i).build(), null);
        }
        byte[] archive = f.build().write();
        assertThat(f.manifest.length).isGreaterThan(SectionSpool.MEMORY_THRESHOLD);
        Path spool = Files.createDirectory(dir.resolve("spool"));
        try (FlashArchiveReader r = FlashArchiveReader.open(new ByteArrayInputStream(archive), "big.flar", spool)) {
            assertThat(Files.list(spool).toList()).hasSize(1);
            assertThat(r.sectionSize("manifest")).isEqualTo(f.manifest.length);
            long n;
            try (Stream<ManifestEntry> s = r.manifest().stream()) {
                n = s.count();
            }
            assertThat(n).isEqualTo(f.entries.size());
            r.payload().verify();
        }
        assertThat(Files.list(spool).toList()).isEmpty();
    }

    @Test
    void readsASolarisStyleArchiveWithoutChecksums() throws IOException {
        byte[] payload = "070701 pretend cpio bytes\0\1\2\n".getBytes(UTF_8);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(("FlAsH-aRcHiVe-1.0\nsection_begin=identification\narchive_id=0123456789abcdef0123456789abcdef\n"
                + "files_archived_method=cpio\nfiles_compressed_method=compress\nfiles_archived_size=999\n"
                + "content_name=sol10\ncreation_platform=SUNW,Sun-Fire\nsection_end=identification\n"
                + "section_begin=predeployment\n#!/sbin/sh\nexit 0\nsection_end=predeployment\n"
                + "section_begin=Xsite\nkey=value\nsection_end=Xsite\nsection_begin=archive\n").getBytes(UTF_8));
        b.write(payload);
        try (FlashArchiveReader r = FlashArchiveReader.open(new ByteArrayInputStream(b.toByteArray()), "sol.flar")) {
            assertThat(r.isFlarFormat()).isFalse();
            assertThat(r.sectionNames()).containsExactly("identification", "predeployment", "Xsite", "archive");
            assertThat(r.identification().unknownKeywords()).isEmpty();
            assertThat(r.section("Xsite")).isEqualTo("key=value\n".getBytes(UTF_8));
            assertThatThrownBy(r::payloadDecompressed).isInstanceOf(CorruptArchiveException.class)
                    .hasMessageStartingWith("sol.flar: identification: unsupported compression: files_compressed_method 'compress'");
        }
        try (FlashArchiveReader r = FlashArchiveReader.open(new ByteArrayInputStream(b.toByteArray()), "sol.flar")) {
            PayloadStream p = r.payload();
            assertThat(p.readAllBytes()).isEqualTo(payload);
            p.verify();
            assertThatThrownBy(r::manifest).hasMessage("sol.flar: archive has no manifest section");
        }
    }

    @Test
    void refusesAPayloadOfAnotherCompressionThanDeclared() throws IOException {
        ArchiveFixture f = new ArchiveFixture(dir);
        f.compression = Compression.XZ;
        f.build();
        f.identification.put(Identification.FILES_COMPRESSED_METHOD, "zstd");
        try (FlashArchiveReader r = FlashArchiveReader.open(new ByteArrayInputStream(f.write()), "a.flar")) {
            assertThatThrownBy(r::payloadDecompressed).isInstanceOf(CorruptArchiveException.class)
                    .hasMessage("a.flar: archive says zstd but payload is xz");
        }
        f.identification.put(Identification.FILES_COMPRESSED_METHOD, "none");
        try (FlashArchiveReader r = FlashArchiveReader.open(new ByteArrayInputStream(f.write()), "a.flar")) {
            assertThatThrownBy(r::payloadDecompressed).hasMessage("a.flar: archive says none but payload is xz");
        }
    }

    @Test
    void theWriterRefusesWhatAReaderWouldRefuse() throws IOException {
        ArchiveFixture f = new ArchiveFixture(dir).build();
        FlashArchiveWriter w = new FlashArchiveWriter(OutputStream.nullOutputStream());
        assertThatThrownBy(() -> w.section("notes", new byte[0])).hasMessageContaining("bad section name 'notes'");
        assertThatThrownBy(() -> w.section("X/y", new byte[0])).hasMessageContaining("bad section name");
        assertThatThrownBy(() -> w.section("Xa:b", new byte[0])).hasMessageContaining("bad section name");
        assertThatThrownBy(() -> w.section("archive", new byte[0])).hasMessageContaining("written by the writer");
        w.section("X1", new byte[0]);
        assertThatThrownBy(() -> w.section("X1", new byte[0])).hasMessage("section X1 given twice");
        assertThatThrownBy(() -> w.identification(new Identification().put("content_name", "a").put("section_sha256", "")))
                .hasMessageContaining("the writer computes it");
        assertThatThrownBy(() -> w.identification(new Identification())).hasMessage("identification has no content_name");
        Files.write(dir.resolve("p"), f.storedPayload);
        w.identification(f.identification).payload(dir.resolve("p"));
        for (String bad : List.of("no newline", "ok\nsection_end=X1\n", "a\nsection_begin=X2\n",
                "x".repeat(FlashArchive.MAX_LINE + 1) + "\n")) {
            FlashArchiveWriter w2 = new FlashArchiveWriter(OutputStream.nullOutputStream()).identification(f.identification)
                    .payload(dir.resolve("p")).section("X1", bad.getBytes(UTF_8));
            assertThatThrownBy(w2::write).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("section X1");
        }
        Identification lying = f.identification.copy().put(Identification.FILES_ARCHIVED_SIZE, "1");
        assertThatThrownBy(() -> new FlashArchiveWriter(OutputStream.nullOutputStream()).identification(lying)
                .payload(dir.resolve("p")).write()).hasMessageContaining("files_archived_size=1 but the payload has");
    }

    static void readEverything(byte[] archive, String name) throws IOException {
        try (FlashArchiveReader r = FlashArchiveReader.open(new ByteArrayInputStream(archive), name)) {
            for (String s : r.sectionNames()) {
                if (!s.equals("archive")) {
                    r.section(s);
                }
            }
            try (ManifestReader m = r.manifest(); InputStream p = r.payloadDecompressed();
                 NewcReader cpio = new NewcReader(p)) {
                for (Entry e; (e = cpio.next()) != null; ) {
                    ManifestEntry line = m.next();
                    if (line == null || !line.describes(e)) {
                        throw new AssertionError("payload and manifest disagree at " + e.path());
                    }
                    byte[] c = cpio.content().readAllBytes();
                    if (e.type() == EntryType.FILE && !ArchiveFixture.sha(c).equals(line.entry().sha256())) {
                        throw new AssertionError("content differs at " + e.path());
                    }
                }
                if (m.next() != null) {
                    throw new AssertionError("manifest longer than payload");
                }
                p.readAllBytes();
            }
        }
    }
}
