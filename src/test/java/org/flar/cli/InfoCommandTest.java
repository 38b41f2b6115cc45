package org.flar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flar.testing.Cli;
import org.flar.testing.FlarProcess;
import org.flar.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** flar info: identification keywords, -k, -l (like tar -tv), --json, and Solaris archives without flar_format. */
class InfoCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WHEN = "2020-01-02 03:04:05";

    @TempDir
    Path dir;
    Path root;
    Path archive;

    @BeforeEach
    void smallTree() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("a/sticky"));
        Files.writeString(root.resolve("a/f"), "hello\n");
        Files.writeString(root.resolve("a/su"), "#!/bin/sh\n");
        sh("chmod", "4755", root.resolve("a/su").toString());
        sh("chmod", "1777", root.resolve("a/sticky").toString());
        sh("ln", "-s", "f", root.resolve("a/l").toString());
        sh("ln", root.resolve("a/f").toString(), root.resolve("a/h").toString());
        sh("mkfifo", root.resolve("a/fifo").toString());
        Tools.exec(List.of("find", root.toString(), "-exec", "touch", "-h", "-d", WHEN, "{}", "+"), null,
                Map.of("TZ", "UTC"), Tools.DEFAULT_TIMEOUT).check();
        archive = dir.resolve("web01.flar");
        Cli.ok("create", "-q", "-n", "web01", "-R", root.toString(), archive.toString());
    }

    @Test
    void printsTheIdentificationKeywords() throws IOException {
        Cli r = Cli.ok("info", archive.toString());

        Map<String, String> keywords = keywords(r.out());
        assertThat(r.out().lines()).as("every line is keyword=value").allMatch(l -> l.matches("[a-z][a-z0-9_]*=.*"));
        assertThat(keywords).containsEntry("content_name", "web01")
                .containsEntry("files_archived_method", "pax")
                .containsEntry("files_compressed_method", "zstd")
                .containsEntry("type", "FULL")
                .containsEntry("flar_format", "1")
                .containsEntry("payload_entries", "8")
                .containsKeys("creation_date", "creation_master", "files_archived_size", "files_unarchived_size",
                        "section_sha256", "identification_sha256");
        assertThat(keywords.get("archive_id")).matches("[0-9a-f]{64}");
        assertThat(keywords.get("creation_date")).matches("\\d{14}");
        assertThat(r.out().lines().toList().getLast()).as("identification_sha256 is last").startsWith("identification_sha256=");

        // archive_id and files_archived_size describe the stored archive section: checked with sha256sum and wc.
        Path parts = dir.resolve("parts");
        Cli.ok("split", "-d", parts.toString(), archive.toString());
        String sha = Tools.run(List.of("sha256sum", parts.resolve("archive").toString()), null).split(" ")[0];
        assertThat(keywords).containsEntry("archive_id", sha)
                .containsEntry("files_archived_size", Long.toString(Files.size(parts.resolve("archive"))));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void compressionIsNamed() {
        Path xz = dir.resolve("xz.flar");
        Cli.ok("create", "-q", "-c", "xz", "-n", "x", "-R", root.toString(), xz.toString());
        assertThat(Cli.ok("info", "-k", "files_compressed_method", xz.toString()).out()).isEqualTo("xz\n");
    }

    @Test
    void keywordOptionPrintsOnlyTheValue() {
        assertThat(Cli.ok("info", "-k", "content_name", archive.toString()).out()).isEqualTo("web01\n");
        // Keywords are case-insensitive (docs/format.md).
        assertThat(Cli.ok("info", "-k", "CONTENT_NAME", archive.toString()).out()).isEqualTo("web01\n");

        Cli missing = Cli.run("info", "-k", "no_such_keyword", archive.toString());
        assertThat(missing.code()).as(missing.describe()).isEqualTo(2);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.errLines().getFirst()).contains("no_such_keyword").contains(archive.toString());
    }

    @Test
    void readsFromStandardInput() {
        String out = Tools.run(List.of("bash", "-c", "set -o pipefail; cat '" + archive + "' | "
                + FlarProcess.shell("info", "-k", "content_name", "-")), dir);
        assertThat(out).isEqualTo("web01\n");
    }

    @Test
    void listingShowsEntriesLikeTarTv() {
        List<String> listing = Cli.ok("info", "-l", archive.toString()).out().lines()
                .filter(l -> !l.matches("[a-z][a-z0-9_]*=.*")).toList();

        assertThat(listing).hasSize(8);
        assertThat(line(listing, "a/su")).startsWith("-rwsr-xr-x ");
        assertThat(line(listing, "a/sticky")).startsWith("drwxrwxrwt ");
        assertThat(line(listing, "a/l -> f")).startsWith("lrwxrwxrwx ");
        assertThat(line(listing, "a/h link to a/f")).startsWith("hrw-r--r-- ");
        assertThat(line(listing, "a/fifo")).startsWith("prw-r--r-- ");
        assertThat(line(listing, "a/f")).contains(" 6 " + WHEN.substring(0, 16) + " ");

        // The same columns as GNU tar -tv prints for the payload (names without tar's ./ and trailing /).
        Path parts = dir.resolve("parts");
        Cli.ok("split", "-d", parts.toString(), archive.toString());
        Tools.requireTool("tar");
        Tools.requireTool("zstd");
        String tar = Tools.exec(List.of("bash", "-c", "set -o pipefail; zstd -dc archive | tar -tvf - --numeric-owner"),
                parts, Map.of("TZ", "UTC"), Tools.DEFAULT_TIMEOUT).check().stdout();
        assertThat(columns(listing)).isEqualTo(columns(tar.lines().toList()));
    }

    @Test
    void listingShowsDevices() throws IOException {
        Tools.requireRoot();
        sh("mknod", root.resolve("null").toString(), "c", "1", "3");
        Path withDevice = dir.resolve("dev.flar");
        Cli.ok("create", "-q", "-n", "dev", "-R", root.toString(), withDevice.toString());
        List<String> listing = Cli.ok("info", "-l", withDevice.toString()).out().lines().toList();
        assertThat(line(listing, "null")).startsWith("crw-r--r-- ").contains(" 1,3 ");
    }

    @Test
    void jsonHasIdentificationSectionsAndEntries() throws IOException {
        Path xnotes = Files.writeString(dir.resolve("Xnotes"), "built by the test\n");
        Path withSection = dir.resolve("notes.flar");
        Cli.ok("create", "-q", "-n", "notes", "-u", xnotes.toString(), "-R", root.toString(), withSection.toString());

        Cli r = Cli.ok("info", "--json", "-l", withSection.toString());
        JsonNode json = JSON.readTree(r.out());

        assertThat(json.path("identification").path("content_name").asText()).isEqualTo("notes");
        assertThat(json.path("identification").path("files_archived_method").asText()).isEqualTo("pax");
        assertThat(json.path("identification").path("archive_id").asText()).matches("[0-9a-f]{64}");
        List<String> sections = new ArrayList<>();
        json.path("sections").forEach(s -> sections.add(s.asText()));
        assertThat(sections).containsExactly("identification", "manifest", "Xnotes", "archive");
        JsonNode entries = json.path("entries");
        assertThat(entries.size()).isEqualTo(8);
        Map<String, JsonNode> byPath = new LinkedHashMap<>();
        entries.forEach(e -> byPath.put(e.path("path").asText(), e));
        assertThat(byPath.keySet()).containsExactly(".", "a", "a/f", "a/fifo", "a/h", "a/l", "a/sticky", "a/su");
        assertThat(byPath.get("a/su").path("mode").asText()).isEqualTo("4755");
        assertThat(byPath.get("a/su").path("type").asText()).isEqualTo("file");
        assertThat(byPath.get("a/l").path("link").asText()).isEqualTo("f");
        assertThat(byPath.get("a/h").path("type").asText()).isEqualTo("hardlink");
        assertThat(byPath.get("a/f").path("size").asLong()).isEqualTo(6);
        assertThat(byPath.get("a/f").path("sha256").asText())
                .isEqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");

        JsonNode withoutList = JSON.readTree(Cli.ok("info", "--json", withSection.toString()).out());
        assertThat(withoutList.has("entries")).as("entries only with -l").isFalse();
        assertThat(withoutList.path("identification").path("content_name").asText()).isEqualTo("notes");
    }

    // ---- Solaris archives: no flar_format ----------------------------------------------------

    /** A flash archive as Solaris flarcreate wrote it: version 1.0 cookie, identification, cpio payload. */
    private Path solarisArchive() throws IOException {
        Tools.requireTool("cpio");
        Path payloadRoot = Files.createDirectories(dir.resolve("solaris-root/etc"));
        Files.writeString(payloadRoot.resolve("motd"), "Oracle Solaris 10\n");
        Path payload = dir.resolve("solaris.cpio");
        Tools.run(List.of("bash", "-c", "find . | LC_ALL=C sort | cpio -o -H newc --quiet > '" + payload + "'"),
                dir.resolve("solaris-root"));
        byte[] cpio = Files.readAllBytes(payload);
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        a.writeBytes("""
                FlAsH-aRcHiVe-1.0
                section_begin=identification
                archive_id=8f3a2bb3c6c1a1e5d1c9e6f0a0b1c2d3
                files_archived_method=cpio
                files_compressed_method=none
                files_archived_size=%d
                files_unarchived_size=18
                creation_date=20090314150926
                creation_master=sol10-build
                content_name=solaris10-golden
                content_type=server
                content_architectures=sun4u,sun4v
                section_end=identification
                section_begin=archive
                """.formatted(cpio.length).getBytes(StandardCharsets.US_ASCII));
        a.writeBytes(cpio);
        Path p = dir.resolve("solaris.flar");
        Files.write(p, a.toByteArray());
        return p;
    }

    @Test
    void readsASolarisArchiveWithoutFlarFormat() throws IOException {
        Path solaris = solarisArchive();

        Cli r = Cli.ok("info", solaris.toString());
        assertThat(keywords(r.out())).containsEntry("content_name", "solaris10-golden")
                .containsEntry("files_archived_method", "cpio")
                .containsEntry("content_architectures", "sun4u,sun4v")
                .doesNotContainKey("flar_format");
        assertThat(Cli.ok("info", "-k", "content_name", solaris.toString()).out()).isEqualTo("solaris10-golden\n");
        JsonNode json = JSON.readTree(Cli.ok("info", "--json", solaris.toString()).out());
        assertThat(json.path("sections").toString()).isEqualTo("[\"identification\",\"archive\"]");

        // split works on it too; the payload comes out as GNU cpio wrote it.
        Path parts = dir.resolve("solaris-parts");
        Cli.ok("split", "-d", parts.toString(), solaris.toString());
        assertThat(Files.readString(parts.resolve("cookie"))).isEqualTo("FlAsH-aRcHiVe-1.0\n");
        String listing = Tools.run(List.of("cpio", "-it", "--quiet", "-F", parts.resolve("archive").toString()), dir);
        assertThat(listing.lines()).contains("etc/motd");
    }

    @Test
    void deployAndVerifyRefuseASolarisArchive() throws IOException {
        Path solaris = solarisArchive();
        Path target = dir.resolve("target");

        Cli deploy = Cli.run("deploy", "-q", "-R", target.toString(), solaris.toString());
        assertThat(deploy.code()).as(deploy.describe()).isEqualTo(4);
        assertThat(deploy.errLines()).hasSize(1);
        assertThat(deploy.errLines().getFirst()).startsWith("flar: " + solaris).contains("flar_format");
        assertThat(target.resolve("etc")).doesNotExist();

        Cli verify = Cli.run("verify", "-q", solaris.toString());
        assertThat(verify.code()).as(verify.describe()).isEqualTo(4);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static Map<String, String> keywords(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    /** The listing line whose name column is exactly {@code name}. */
    private static String line(List<String> listing, String name) {
        return listing.stream().filter(l -> l.endsWith(" " + name)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + name + " in\n" + String.join("\n", listing)));
    }

    /** mode, owner, size, date, time and name of each tar -tv style line, by name. */
    private static Map<String, List<String>> columns(List<String> lines) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String l : lines) {
            String[] f = l.strip().split(" +", 6);
            String name = f[5];
            if (name.equals("./")) {
                name = ".";
            } else if (name.endsWith("/")) {
                name = name.substring(0, name.length() - 1);
            }
            m.put(name, List.of(f[0], f[1], f[2], f[3], f[4]));
        }
        return m;
    }

    private static void sh(String... cmd) {
        Tools.run(List.of(cmd), null);
    }
}
