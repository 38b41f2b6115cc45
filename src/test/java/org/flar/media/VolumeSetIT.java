package org.flar.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flar.testing.Cli;
import org.flar.testing.DebianRoot;
import org.flar.testing.FlarProcess;
import org.flar.testing.IndependentComparison;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Volume sets of a real Debian root (debootstrap minbase) on small 24 MB media with 8 MiB
 * pieces, so the set has several volumes of several pieces: inspected with xorriso, restored
 * and compared with independent tools, and refused when damaged, incomplete or mixed.
 */
class VolumeSetIT {
    static final String MEDIA = "24M";
    static final long CAPACITY = 24_000_000L / 2048 * 2048;
    static Path work;
    static Path source;
    static Path archive;
    static Path setDir;
    static List<Path> set;

    @BeforeAll
    static void debianSet() {
        Tools.requireRoot();
        for (String tool : List.of("xorriso", "mtree", "getfattr", "getfacl")) {
            Tools.requireTool(tool);
        }
        work = Tools.scratchDir("media-");
        source = DebianRoot.copyTo(work.resolve("source"));
        // /run's contents are volatile by design (never captured); the mount points stay.
        Tools.run(List.of("bash", "-c", "rm -rf -- \"$1\"/run/*", "-", source.toString()), null);
        archive = work.resolve("deb.flar");
        Cli.ok("create", "-q", "-n", "deb", "-R", source.toString(), archive.toString());
        setDir = work.resolve("set");
        Cli.ok("media", "create", "-q", "--no-boot", "--media", MEDIA, "--piece-size", "8MiB", archive.toString(), setDir.toString());
        set = isos(setDir, "deb");
    }

    @AfterAll
    static void cleanUp() {
        Tools.deleteTree(work);
    }

    static List<Path> isos(Path dir, String name) {
        List<Path> l = new ArrayList<>();
        for (int i = 1; Files.exists(dir.resolve(name + "-" + i + ".iso")); i++) {
            l.add(dir.resolve(name + "-" + i + ".iso"));
        }
        return l;
    }

    static String[] args(Object... parts) {
        List<String> l = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof List<?> list) {
                list.forEach(x -> l.add(x.toString()));
            } else {
                l.add(p.toString());
            }
        }
        return l.toArray(String[]::new);
    }

    @Test
    void everyVolumeIsLabelledWithinCapacityAndCutInPiecesAsXorrisoSeesIt() throws IOException {
        Cli dry = Cli.ok("media", "create", "--dry-run", "--no-boot", "--media", MEDIA, "--piece-size", "8MiB", archive.toString(),
                work.resolve("nowhere").toString());
        assertThat(dry.out()).contains("takes " + set.size() + " volumes");
        assertThat(work.resolve("nowhere")).doesNotExist();
        assertThat(set).hasSizeGreaterThanOrEqualTo(4);

        String setLabel = null;
        long archiveBytes = 0;
        for (int i = 1; i <= set.size(); i++) {
            Path iso = set.get(i - 1);
            assertThat(Files.size(iso)).as(iso.toString()).isLessThanOrEqualTo(CAPACITY);
            String label = IsoTools.volumeId(iso);
            assertThat(label).matches("FLAR_[0-9A-F]{8}_" + i).hasSizeLessThanOrEqualTo(32);
            if (setLabel == null) {
                setLabel = label.substring(0, 13);
            }
            assertThat(label).startsWith(setLabel);
            List<IsoTools.IsoFile> files = IsoTools.files(iso);
            assertThat(files).extracting(IsoTools.IsoFile::path).contains("/README.TXT", "/FLAR/CATALOG.TXT");
            List<IsoTools.IsoFile> pieces = files.stream().filter(f -> f.path().startsWith("/FLAR/P")).toList();
            assertThat(files).allSatisfy(f -> assertThat(f.size()).isLessThan(2L << 30).isLessThanOrEqualTo(8L << 20));
            if (i < set.size()) {
                assertThat(pieces).as("volume %d holds several pieces", i).hasSizeGreaterThan(1);
            }
            archiveBytes += pieces.stream().mapToLong(IsoTools.IsoFile::size).sum();
        }
        assertThat(archiveBytes).isEqualTo(Files.size(archive));
    }

    @Test
    void restoreIsIdenticalToTheSourceAndVerifyPasses() {
        Cli verify = Cli.ok("media", "verify", setDir.toString());
        assertThat(verify.out()).contains("good: " + set.size() + " volumes");
        Path target = work.resolve("restored");
        // Given in the wrong order on purpose: each volume is placed by its catalog.
        List<Path> shuffled = new ArrayList<>(set.reversed());
        Cli.ok(args("media", "restore", "-q", "--no-state", "-R", target, shuffled));
        assertThat(IndependentComparison.differences(source, target)).isEmpty();
    }

    @Test
    void mountedVolumesAreReadAsDirectories() {
        List<Path> mounted = new ArrayList<>();
        for (Path iso : set) {
            mounted.add(IsoTools.extractAsMounted(iso, work.resolve("mnt-" + iso.getFileName())));
        }
        Cli r = Cli.ok(args("media", "verify", mounted));
        assertThat(r.out()).contains("good: " + set.size() + " volumes");
    }

    @Test
    void aDamagedPieceIsRefusedNamingVolumeAndPieceAndTheTargetIsLeftAlone() throws IOException {
        Path copy = copySet("damaged");
        Path bad = copy.resolve("deb-3.iso");
        IsoTools.flipByteIn(bad, "/FLAR/P0002");
        Path target = work.resolve("damaged-target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("keep"), "mine");

        Cli r = Cli.run("media", "restore", "-q", "-R", target.toString(), copy.toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(4);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(bad + ": volume 3 (FLAR_").contains("piece FLAR/P0002: damaged");
        try (var l = Files.list(target)) {
            assertThat(l.toList()).containsExactly(target.resolve("keep"));
        }
        Cli v = Cli.run("media", "verify", copy.toString());
        assertThat(v.code()).isEqualTo(4);
        assertThat(v.err()).contains("volume 3").contains("FLAR/P0002: damaged");
    }

    @Test
    void aMissingVolumeIsNamed() {
        List<Path> some = new ArrayList<>(set);
        some.remove(1);
        Cli r = Cli.run(args("media", "restore", "-q", "-R", work.resolve("missing-target"), some));
        assertThat(r.code()).as(r.describe()).isEqualTo(4);
        assertThat(r.err()).contains("volume 2 of " + set.size()).contains("_2) is missing");
        assertThat(work.resolve("missing-target")).doesNotExist();

        Cli noFirst = Cli.run(args("media", "verify", set.subList(1, set.size())));
        assertThat(noFirst.code()).isEqualTo(4);
        assertThat(noFirst.err()).contains("volume 1 is missing");
    }

    @Test
    void aVolumeOfAnotherSetIsNamed() throws IOException {
        Path other = work.resolve("other");
        Cli.ok("media", "create", "-q", "--no-boot", "--media", MEDIA, "--piece-size", "8MiB", archive.toString(), other.toString());
        List<Path> mixed = new ArrayList<>(set);
        Path stranger = other.resolve("deb-3.iso");
        mixed.set(2, stranger);
        Cli r = Cli.run(args("media", "restore", "-q", "-R", work.resolve("mixed-target"), mixed));
        assertThat(r.code()).as(r.describe()).isEqualTo(4);
        assertThat(r.err()).contains(stranger + ": volume 3").contains("belongs to another set");
        assertThat(work.resolve("mixed-target")).doesNotExist();
    }

    /**
     * One drive, read in sequence: a volume out of order, a volume of another set and a damaged
     * volume are each named and asked for again, and the restore resumes at the piece that
     * failed, so what was restored before is kept: the result is identical to the source.
     */
    @Test
    void aDriveAsksAgainForWrongAndDamagedVolumesAndLosesNothing() throws Exception {
        Path damaged = copySet("drive-damaged").resolve("deb-2.iso");
        IsoTools.flipByteIn(damaged, "/FLAR/P0002");
        Path other = work.resolve("drive-other");
        Cli.ok("media", "create", "-q", "--no-boot", "--media", MEDIA, "--piece-size", "8MiB", archive.toString(), other.toString());
        Path drive = work.resolve("drive.iso");
        Path target = work.resolve("drive-target");

        Process p = new ProcessBuilder(FlarProcess.command("media", "restore", "-q", "--no-state", "-R",
                target.toString(), "--drive", drive.toString())).start();
        Prompts prompts = new Prompts(p.getErrorStream());
        OutputStream enter = p.getOutputStream();
        insert(prompts, enter, "insert volume 1 of the set", set.get(0), drive);
        insert(prompts, enter, "insert volume 2 of " + set.size(), set.get(2), drive);
        assertThat(prompts.next("insert volume 2")).contains("is volume 3 of " + set.size() + ", but volume 2 (FLAR_");
        insert(prompts, enter, "", damaged, drive);
        assertThat(prompts.next("insert a good copy of volume 2")).contains("piece FLAR/P0002: damaged");
        insert(prompts, enter, "", set.get(1), drive);
        insert(prompts, enter, "insert volume 3 of", other.resolve("deb-3.iso"), drive);
        assertThat(prompts.next("insert volume 3 of")).contains("belongs to another set");
        insert(prompts, enter, "", set.get(2), drive);
        for (int i = 4; i <= set.size(); i++) {
            insert(prompts, enter, "insert volume " + i + " of", set.get(i - 1), drive);
        }
        enter.close();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(prompts.all()).isZero();
        assertThat(IndependentComparison.differences(source, target)).isEmpty();
    }

    @Test
    void withoutXorrisoCreateSaysSoAndWritesNothing() {
        Path out = work.resolve("no-xorriso");
        Tools.Result r = Tools.exec(FlarProcess.command("media", "create", "--no-boot", "--media", MEDIA, archive.toString(),
                out.toString()), null, Map.of("PATH", "/nonexistent"), Duration.ofMinutes(2));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr().strip()).startsWith("flar: xorriso not found on PATH").contains("apt-get install xorriso");
        assertThat(r.stderr().strip().lines()).hasSize(1);
        assertThat(out).doesNotExist();
    }

    /**
     * The CART phases as one command: a root captured straight into volumes, in an output
     * directory on a tmpfs too small for the images plus a full-size temporary archive, but
     * large enough for the images plus one volume: it succeeds, and the restore is identical.
     */
    @Test
    void aRootCapturedIntoVolumesNeedsAboutOneVolumeOfTemporarySpace() throws IOException {
        long images = 0;
        for (Path iso : set) {
            images += Files.size(iso);
        }
        long archiveBytes = Files.size(archive);
        // -R puts only the text sections on volume 1: at most one more (small) image than from the archive.
        long limit = images + CAPACITY + (8L << 20);
        assertThat(limit).as("the tmpfs could not hold the images and a full archive").isLessThan(images + archiveBytes);
        Path mount = work.resolve("tmpfs");
        Files.createDirectories(mount);
        Tools.run(List.of("mount", "-t", "tmpfs", "-o", "size=" + limit, "flar-media-test", mount.toString()), null);
        try {
            Path out = mount.resolve("out");
            Cli dry = Cli.ok("media", "create", "--dry-run", "--no-boot", "--json", "--media", MEDIA, "--piece-size", "8MiB", "-R",
                    source.toString(), out.toString());
            int atMost = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dry.out()).get("volumesAtMost").asInt();
            assertThat(out).doesNotExist();
            Cli r = Cli.ok("media", "create", "--json", "--no-boot", "--media", MEDIA, "--piece-size", "8MiB", "-R", source.toString(),
                    "-n", "deb", "--name", "root", out.toString());
            long peak = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("temporaryPeakBytes").asLong();
            long oneVolume = new VolumePlan(MediaSize.parse(MEDIA), 8L << 20, 0).share(2);
            assertThat(peak).as("pieces held at once").isPositive().isLessThanOrEqualTo(oneVolume);
            List<Path> volumes = isos(out, "root");
            assertThat(volumes).hasSizeGreaterThan(1).hasSizeLessThanOrEqualTo(atMost);
            for (Path iso : volumes) {
                assertThat(Files.size(iso)).isLessThanOrEqualTo(CAPACITY);
            }
            try (var left = Files.list(out)) {
                assertThat(left.filter(f -> !f.getFileName().toString().endsWith(".iso")).toList())
                        .as("no temporary files left").isEmpty();
            }
            Cli.ok("media", "verify", "-q", out.toString());
            Path target = work.resolve("root-target");
            Cli.ok("media", "restore", "-q", "--no-state", "-R", target.toString(), out.toString());
            assertThat(IndependentComparison.differences(source, target)).isEmpty();
        } finally {
            Tools.run(List.of("umount", mount.toString()), null);
        }
    }

    /**
     * Volume 1 bootable (BIOS and UEFI El Torito, as xorriso reports) with the rescue system of
     * {@code flar rescue build}, within the capacity with the rescue system's room left, and the
     * set still read back whole. (Booting it is the rescue package's qemu test.)
     */
    @Test
    void aBootableFirstVolumeKeepsWithinCapacityAndReadsBack() throws IOException {
        for (String tool : List.of("grub-mkrescue", "mformat", "busybox")) {
            Tools.requireTool(tool);
        }
        Path rescue = work.resolve("rescue");
        Cli.ok("rescue", "build", "-q", "--cache", work.resolve("rescue-cache").toString(), "--output", rescue.toString());
        Path out = work.resolve("bootable");
        String media = "192M"; // the rescue system takes 121 MB of it (kernel, initramfs, room for GRUB)
        Cli r = Cli.ok("media", "create", "--media", media, "--piece-size", "8MiB", "--rescue", rescue.toString(),
                archive.toString(), out.toString());
        assertThat(r.err()).contains("volume 1 is bootable");
        List<Path> volumes = isos(out, "deb");
        long capacity = MediaSize.parse(media).bytes();
        for (Path iso : volumes) {
            assertThat(Files.size(iso)).as(iso.toString()).isLessThanOrEqualTo(capacity);
        }
        String boot = Tools.run(List.of("xorriso", "-indev", volumes.getFirst().toString(), "-report_el_torito", "plain"), null);
        assertThat(boot).contains("BIOS").contains("UEFI");
        assertThat(IsoTools.files(volumes.getFirst())).extracting(IsoTools.IsoFile::path)
                .contains("/flar-rescue/vmlinuz", "/flar-rescue/initrd.img", "/FLAR/CATALOG.TXT", "/README.TXT");
        assertThat(IsoTools.files(volumes.get(1))).extracting(IsoTools.IsoFile::path).doesNotContain("/flar-rescue/vmlinuz");
        Cli.ok("media", "verify", "-q", out.toString());
    }

    private Path copySet(String name) throws IOException {
        Path dir = work.resolve(name);
        Files.createDirectories(dir);
        for (Path iso : set) {
            Files.copy(iso, dir.resolve(iso.getFileName()));
        }
        return dir;
    }

    /** Waits for a prompt containing {@code prompt} (none: the one already seen), puts {@code iso} in the drive, presses Enter. */
    private static void insert(Prompts prompts, OutputStream enter, String prompt, Path iso, Path drive) throws IOException {
        if (!prompt.isEmpty()) {
            prompts.next(prompt);
        }
        Files.copy(iso, drive, StandardCopyOption.REPLACE_EXISTING);
        enter.write('\n');
        enter.flush();
    }

    /** The restore's standard error, read as it comes; prompts end in "press Enter " without a new line. */
    static final class Prompts {
        private final StringBuilder text = new StringBuilder();
        private int seen;

        Prompts(InputStream err) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    byte[] b = new byte[4096];
                    for (int n; (n = err.read(b)) > 0; ) {
                        synchronized (this) {
                            text.append(new String(b, 0, n, StandardCharsets.UTF_8));
                            notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
        }

        /** Everything since the last prompt up to and including the next prompt containing {@code what}. */
        synchronized String next(String what) {
            long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(5);
            while (true) {
                int end = text.indexOf("press Enter ", seen);
                if (end >= 0) {
                    String chunk = text.substring(seen, end + "press Enter ".length());
                    seen = end + "press Enter ".length();
                    if (!chunk.contains(what)) {
                        throw new AssertionError("expected a prompt with '" + what + "', got: " + chunk);
                    }
                    return chunk;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no prompt with '" + what + "'; standard error so far:\n" + text);
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        synchronized String all() {
            return text.toString();
        }
    }
}
