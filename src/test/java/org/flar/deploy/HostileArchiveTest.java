package org.flar.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.flar.testing.Cli;
import org.flar.testing.TreeSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every archive of the hostile corpus (src/test/resources/hostile) is refused, and nothing escapes. */
class HostileArchiveTest {
    private static final Path CORPUS = Path.of("src/test/resources/hostile");

    @TempDir
    Path dir;

    static Stream<String> hostile() throws Exception {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".flar"))
                    .filter(n -> !n.equals("good-reference.flar")).sorted().toList().stream();
        }
    }

    /**
     * Faults only the payload shows: the deployment stops at the faulty entry, the ones before it
     * restored and verified, and says the target is partial. Everything else is refused before
     * the first write.
     */
    private static final Set<String> PAYLOAD_FAULTS = Set.of("flipped-content-byte.flar", "content-checksum-mismatch.flar",
            "truncated-payload.flar", "payload-disagrees-with-manifest.flar", "absurd-size.flar",
            "cut-in-end-marker-gzip.flar", "cut-in-end-marker-none.flar", "cut-in-end-marker-xz.flar",
            "cut-in-end-marker-zstd.flar", "trailing-data-gzip.flar", "trailing-data-none.flar", "trailing-data-xz.flar",
            "trailing-data-zstd.flar", "trailing-after-gzip-stream.flar", "gzip-bomb-past-payload-size.flar",
            "payload-size-wrong.flar");

    static Stream<Arguments> hostileDeployments() throws Exception {
        return hostile().flatMap(n -> Stream.of(Arguments.of(n, "clone"), Arguments.of(n, "--keep-identity")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("hostileDeployments")
    void deployRefusesAndNothingEscapes(String name, String mode) throws Exception {
        Path around = Files.createDirectories(dir.resolve("root"));
        Path target = Files.createDirectories(around.resolve("target"));
        Path outside = Files.createDirectories(around.resolve("outside"));
        // What a clone step would rewrite, should a link lead it out of the target.
        Files.createDirectories(around.resolve("etc"));
        Files.writeString(around.resolve("etc/hostname"), "the deploying machine\n");
        Files.writeString(around.resolve("etc/os-release"), "ID=debian\n");
        Files.writeString(target.resolve("sentinel"), "was here before\n");
        Path archive = CORPUS.resolve(name);
        Map<String, String> before = TreeSnapshot.of(around);

        Run r = mode.equals("clone") ? run("deploy", "-q", "-R", target.toString(), archive.toString())
                : run("deploy", "-q", "--keep-identity", "-R", target.toString(), archive.toString());

        assertThat(r.code).as(r.err).isEqualTo(4);
        assertThat(r.err.strip().lines().toList()).as("one line naming the archive").hasSize(1)
                .allMatch(l -> l.startsWith("flar: ") && l.contains(name));
        assertThat(outside).isEmptyDirectory();
        assertThat(Files.readString(target.resolve("sentinel"))).isEqualTo("was here before\n");
        Map<String, String> after = TreeSnapshot.of(around);
        if (PAYLOAD_FAULTS.contains(name)) {
            if (!after.equals(before)) {
                assertThat(r.err).contains("is partial");
            }
            after.keySet().removeIf(p -> p.startsWith("target/"));
            before.keySet().removeIf(p -> p.startsWith("target/"));
        }
        assertThat(after).as("everything around and in the target as it was").isEqualTo(before);
        try (Stream<Path> all = Files.walk(target)) {
            List<String> names = all.map(p -> p.getFileName().toString()).toList();
            assertThat(names).as("no temporary file left behind").noneMatch(n -> n.startsWith(".flar-"));
            assertThat(names).doesNotContain("escaped", "planted", "flar-hostile-absolute");
        }
        assertThat(Path.of("/tmp/flar-hostile-absolute")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void verifyRefusesToo(String name) {
        Run r = run("verify", "-q", CORPUS.resolve(name).toString());
        assertThat(r.code).as(r.err).isEqualTo(4);
        assertThat(r.err).contains(name);
    }

    @Test
    void theReferenceArchiveTheCorpusIsMadeFromIsGood() throws Exception {
        Path target = dir.resolve("t");
        Run r = run("deploy", "-q", "-R", target.toString(), CORPUS.resolve("good-reference.flar").toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(Files.readString(target.resolve("good"))).isEqualTo("a good file\n");
    }

    @Test
    void aFileThatFailsItsChecksumNeverAppearsUnderItsName() throws Exception {
        Path target = dir.resolve("t");
        run("deploy", "-q", "-R", target.toString(), CORPUS.resolve("flipped-content-byte.flar").toString());
        assertThat(target.resolve("good")).doesNotExist();
    }

    static Run run(String... args) {
        Cli r = Cli.run(args);
        return new Run(r.code(), r.err());
    }

    record Run(int code, String err) {
    }
}
