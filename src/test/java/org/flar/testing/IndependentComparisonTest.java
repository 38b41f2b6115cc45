package org.flar.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fidelity tests trust {@link IndependentComparison} to find every loss, so this proves it
 * on the same kind of tree they use (the Debian root plus {@link PlantedTree}): a faithful copy
 * ({@code cp -a}) shows no difference, and each kind of loss flar could make is reported.
 */
class IndependentComparisonTest {
    private static Path work;
    private static Path expected;

    @BeforeAll
    static void plantExpectedTree() {
        Tools.requireRoot();
        for (String tool : List.of("cp", "mtree", "getfattr", "getfacl", "setfattr", "setfacl", "setcap")) {
            Tools.requireTool(tool);
        }
        DebianRoot.cached();
        work = Tools.scratchDir("independent-comparison-");
        expected = DebianRoot.copyTo(work.resolve("expected"));
        PlantedTree.plant(expected);
    }

    @AfterAll
    static void removeTrees() {
        Tools.deleteTree(work);
    }

    @Test
    void aFaithfulCopyHasNoDifferences() {
        Path copy = copyOfExpected("faithful");

        assertThat(IndependentComparison.differences(expected, copy)).isEmpty();
    }

    @Test
    void everyKindOfLossIsReported() throws IOException {
        Path actual = copyOfExpected("damaged");

        sh("chmod", "0600", actual.resolve(PlantedTree.HELLO));
        sh("setfattr", "-n", "user.binary", "-v", "0x00ff00fe0a0d0901", actual.resolve(PlantedTree.XATTR_FILE));
        sh("setcap", "-r", actual.resolve(PlantedTree.CAPS));
        sh("setfacl", "-m", "u:12345:r--", actual.resolve(PlantedTree.ACL_FILE));
        utc("touch", "-d", "2021-05-06 07:08:09.123456790", actual.resolve(PlantedTree.NS_FILE));
        utc("touch", "-h", "-d", "2020-02-29 12:00:00.999999998", actual.resolve(PlantedTree.NS_SYMLINK));
        flipOneByte(actual.resolve(PlantedTree.RANDOM_1M), 1000);
        // Zeros over the hole: same content, but the file is no longer sparse.
        sh("dd", "if=/dev/zero", "of=" + actual.resolve(PlantedTree.SPARSE_ENDS_IN_HOLE), "bs=4096", "seek=2",
                "count=254", "conv=notrunc", "status=none");
        // A fourth name would be a copy instead of a link: same content, owner, xattrs and mtime.
        Path hard3 = actual.resolve(PlantedTree.HARD_3);
        sh("cp", "-a", hard3, hard3 + ".tmp");
        sh("mv", hard3 + ".tmp", hard3);
        // Content changes must not show up as mtime changes: only the loss itself may be reported.
        for (String path : List.of(PlantedTree.RANDOM_1M, PlantedTree.SPARSE_ENDS_IN_HOLE, "planted/links/sub")) {
            sh("touch", "-h", "-r", expected.resolve(path), actual.resolve(path));
        }

        List<String> differences = IndependentComparison.differences(expected, actual);
        differences.forEach(line -> System.out.println("reported: " + line));

        assertThat(differences).as("mode").anySatisfy(line -> assertThat(line)
                .startsWith("mtree: ").contains(PlantedTree.HELLO).contains("permissions"));
        assertThat(differences).as("xattr value").anySatisfy(line -> assertThat(line)
                .startsWith("getfattr: ").contains(PlantedTree.XATTR_FILE).contains("user.binary"));
        assertThat(differences).as("capability").anySatisfy(line -> assertThat(line)
                .startsWith("getfattr: ").contains(PlantedTree.CAPS).contains("security.capability"));
        assertThat(differences).as("ACL").anySatisfy(line -> assertThat(line)
                .startsWith("getfacl: ").contains(PlantedTree.ACL_FILE).contains("user:12345"));
        assertThat(differences).as("1 ns of mtime").anySatisfy(line -> assertThat(line)
                .startsWith("find: ").contains(PlantedTree.NS_FILE).contains("mtime"));
        assertThat(differences).as("1 ns of a symlink's mtime").anySatisfy(line -> assertThat(line)
                .startsWith("find: ").contains(PlantedTree.NS_SYMLINK).contains("mtime"));
        assertThat(differences).as("one byte of content").anySatisfy(line -> assertThat(line)
                .startsWith("mtree: ").contains(PlantedTree.RANDOM_1M).contains("sha256"));
        assertThat(differences).as("a filled hole").anySatisfy(line -> assertThat(line)
                .startsWith("find: ").contains(PlantedTree.SPARSE_ENDS_IN_HOLE).contains("blocks"));
        assertThat(differences).as("a broken hardlink").anySatisfy(line -> assertThat(line)
                .startsWith("find: hardlinks: ").contains(PlantedTree.HARD_3));

        // And nothing else: every line must be explained by one of the changes above.
        Set<String> changed = Set.of(PlantedTree.HELLO, PlantedTree.XATTR_FILE, PlantedTree.CAPS,
                PlantedTree.ACL_FILE, PlantedTree.NS_FILE, PlantedTree.NS_SYMLINK, PlantedTree.RANDOM_1M,
                PlantedTree.SPARSE_ENDS_IN_HOLE, PlantedTree.HARD_1, "planted/links/hard-2", PlantedTree.HARD_3);
        assertThat(differences).allSatisfy(line -> assertThat(changed).anySatisfy(path -> assertThat(line).contains(path)));
    }

    private static Path copyOfExpected(String name) {
        Path copy = work.resolve(name);
        sh("cp", "-a", "--sparse=always", expected, copy);
        return copy;
    }

    private static void flipOneByte(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(~b & 0xff);
        }
    }

    private static void sh(Object... cmd) {
        Tools.run(strings(cmd), null);
    }

    private static void utc(Object... cmd) {
        Tools.exec(strings(cmd), null, Map.of("TZ", "UTC"), Tools.DEFAULT_TIMEOUT).check();
    }

    private static List<String> strings(Object... cmd) {
        List<String> out = new ArrayList<>();
        for (Object o : cmd) {
            out.add(o.toString());
        }
        return out;
    }
}
