package org.flar.location;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.flar.testing.Jobs;
import org.flar.testing.TreeSnapshot;

/**
 * The archives the location tests move around: a full archive of a small tree whose payload
 * (a few MiB of random bytes, which no compression shrinks) dwarfs its text sections, and a
 * differential of the same tree changed.
 */
public record ArchiveFixture(Path tree, Path changedTree, Path full, Path differential) {

    public static ArchiveFixture make(Path dir, int randomMiB) throws IOException {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("etc"));
        Files.writeString(tree.resolve("etc/hello.conf"), "hello\n");
        byte[] random = new byte[randomMiB << 20];
        new Random(12).nextBytes(random);
        Files.write(tree.resolve("random.bin"), random);
        Path full = dir.resolve("full.flar");
        Jobs.create(tree, "fixture", full);
        Path changed = dir.resolve("changed");
        org.flar.testing.Tools.run(dir, "cp", "-a", tree.toString(), changed.toString());
        Files.writeString(changed.resolve("etc/hello.conf"), "hello again\n");
        Files.writeString(changed.resolve("etc/new.conf"), "new\n");
        Path differential = dir.resolve("diff.flar");
        Jobs.differential(changed, "fixture-1", full, differential);
        return new ArchiveFixture(tree, changed, full, differential);
    }

    /** A deployed target's tree as {@link TreeSnapshot} shows it, without the state file flar adds. */
    public static Map<String, String> deployed(Path target) throws IOException {
        Map<String, String> m = new TreeMap<>(TreeSnapshot.of(target));
        m.keySet().removeIf(p -> p.equals("var") || p.startsWith("var/"));
        return m;
    }
}
