package org.flar.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.flar.testing.Cli;
import org.flar.testing.DebianRoot;
import org.flar.testing.IndependentComparison;
import org.flar.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout recorded from a mounted machine and recreated on other disks, on the host's loop
 * devices (no device mapper or md here: those are proven in qemu): a GPT disk with ext2
 * {@code /boot}, ext4 {@code /} and XFS {@code /var}, holding a Debian root, is captured; the
 * archive's layout names every partition and file system with its GUID, UUID and features;
 * {@code flar recover} recreates it on a larger disk (the last partition grows) with the same
 * identifiers, deploys each file onto the file system it came from; a smaller disk is planned
 * with the shortfall taken from the last partition; a disk too small is refused with nothing
 * written.
 */
class LoopRecoveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path work;
    private static final List<String> loops = new ArrayList<>();
    private static Path machine;
    private static Path archive;
    private static String original;

    @BeforeAll
    static void captureAMachine() throws Exception {
        Tools.requireRoot();
        for (String tool : List.of("losetup", "sfdisk", "partx", "mkfs.xfs", "mke2fs", "wipefs", "blkid")) {
            Tools.requireTool(tool);
        }
        work = Tools.scratchDir("loop-recovery-");
        original = attach("original", 1536);
        run("sh", "-c", "printf 'label: gpt\\nsize=64MiB, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name=efi\\n"
                + "size=700MiB, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name=root\\n"
                + "type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name=var\\n' | sfdisk -q " + original);
        run("partx", "-u", original); // adds them (stale ones of an earlier user of this loop device updated)
        run("mke2fs", "-q", "-t", "ext2", "-L", "boot", original + "p1");
        run("mke2fs", "-q", "-t", "ext4", "-L", "root", original + "p2");
        run("mkfs.xfs", "-q", "-L", "var", original + "p3");
        machine = Files.createDirectories(work.resolve("machine"));
        run("mount", original + "p2", machine.toString());
        Files.createDirectories(machine.resolve("boot"));
        Files.createDirectories(machine.resolve("var"));
        run("mount", original + "p1", machine.resolve("boot").toString());
        run("mount", original + "p3", machine.resolve("var").toString());
        run("cp", "-a", DebianRoot.cached() + "/.", machine.toString());
        Files.writeString(machine.resolve("boot/on-boot"), "on /boot\n");
        archive = work.resolve("machine.flar");
        Cli.ok("create", "-q", "-n", "machine", "-R", machine.toString(), archive.toString());
    }

    @AfterAll
    static void detach() {
        if (work == null) {
            return;
        }
        Tools.exec(List.of("umount", "-R", machine.toString()), null);
        Tools.exec(List.of("umount", "-R", work.resolve("target").toString()), null);
        Tools.exec(List.of("umount", "-R", work.resolve("check").toString()), null);
        for (String l : loops) {
            Tools.exec(List.of("losetup", "-d", l), null);
        }
        Tools.deleteTree(work);
    }

    @Test
    void aCaptureFromTheDisksIsNotWrittenOntoTheMachinesOwnDisks() throws Exception {
        assertThatThrownBy(() -> DiskAssembly.requireOutside(machine, machine.resolve("var/captures/set")))
                .isInstanceOf(LayoutException.class)
                .hasMessage(machine.resolve("var/captures/set") + ": on " + original
                        + ", one of the disks of the machine being captured; write the capture onto another disk");
        DiskAssembly.requireOutside(machine, work.resolve("elsewhere/capture.flar")); // the host's own disk
    }

    @Test
    void theArchiveRecordsEveryPartitionAndFileSystem() throws Exception {
        JsonNode layout = JSON.readTree(Cli.ok("info", "--layout", "--json", archive.toString()).out());
        JsonNode parts = layout.at("/disks/0/table/partitions");
        assertThat(parts).hasSize(3);
        JsonNode table = sfdisk(original);
        for (int i = 0; i < 3; i++) {
            assertThat(parts.get(i).path("uuid").asText()).isEqualToIgnoringCase(table.at("/partitions/" + i + "/uuid").asText());
            assertThat(parts.get(i).path("start").asLong()).isEqualTo(table.at("/partitions/" + i + "/start").asLong() * 512);
        }
        assertThat(layout.path("file_systems")).extracting(f -> f.path("mountpoint").asText() + " " + f.path("type").asText()
                + " " + f.path("uuid").asText()).containsExactlyInAnyOrder("/ ext4 " + uuid(original + "p2"),
                "/boot ext2 " + uuid(original + "p1"), "/var xfs " + uuid(original + "p3"));
        assertThat(Cli.ok("info", "--layout", archive.toString()).out()).contains("└─" + original + "p3").contains("/var");
    }

    @Test
    void aLargerDiskGetsTheSameLayoutWithTheLastPartitionGrown() throws Exception {
        String bigger = attach("bigger", 2048);
        Path target = work.resolve("target");
        Cli r = Cli.run("recover", "--yes", "--disk", original + "=" + bigger, "--target", target.toString(), archive.toString());
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.err()).contains("change: " + bigger + "p3 (was " + original + "p3)");

        JsonNode before = sfdisk(original);
        JsonNode after = sfdisk(bigger);
        assertThat(after.path("id").asText()).isEqualTo(before.path("id").asText());
        for (int i = 0; i < 3; i++) {
            for (String field : List.of("uuid", "type", "name", "start")) {
                assertThat(after.at("/partitions/" + i + "/" + field)).isEqualTo(before.at("/partitions/" + i + "/" + field));
            }
            assertThat(uuid(bigger + "p" + (i + 1))).isEqualTo(uuid(original + "p" + (i + 1)));
        }
        assertThat(after.at("/partitions/2/size").asLong()).isGreaterThan(before.at("/partitions/2/size").asLong() + 900_000);

        Path check = Files.createDirectories(work.resolve("check"));
        run("mount", "-o", "ro", bigger + "p2", check.toString());
        run("mount", "-o", "ro", bigger + "p1", check.resolve("boot").toString());
        run("mount", "-o", "ro,nouuid", bigger + "p3", check.resolve("var").toString());
        try {
            assertThat(Files.readString(check.resolve("boot/on-boot"))).isEqualTo("on /boot\n");
            // Inode numbers repeat across the three file systems, which find's hardlink check (made for one
            // file system) takes for links; everything else must be equal.
            assertThat(IndependentComparison.differences(machine, check)).filteredOn(d -> !d.startsWith("find: hardlinks:"))
                    .allMatch(d -> d.matches(".*\\b(var/lib/flar|lost\\+found)\\b.*")
                            || d.matches("\\w+: missing: (\\./)?run/.*")); // /run is captured empty
        } finally {
            run("umount", "-R", check.toString());
        }
        // each file is on the file system it came from, not only somewhere under the root
        run("mount", "-o", "ro", bigger + "p2", check.toString());
        try {
            assertThat(check.resolve("boot/on-boot")).doesNotExist();
            assertThat(check.resolve("var/lib/dpkg")).doesNotExist();
        } finally {
            run("umount", check.toString());
        }
    }

    @Test
    void aSmallerDiskIsPlannedWithTheLastPartitionShrunk() throws Exception {
        String smaller = attach("smaller", 1200);
        Cli r = Cli.run("recover", "--plan", "--json", "--target-disks", smaller, archive.toString());
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(JSON.readTree(r.out()).path("changes").toString()).contains(smaller + "p3 (was " + original + "p3): 770.0 MiB -> ");
    }

    @Test
    void aDiskTooSmallIsRefusedWithTheNumbersAndNothingWritten() throws Exception {
        String tiny = attach("tiny", 700);
        byte[] before = digest(work.resolve("tiny.img"));
        Cli r = Cli.run("recover", "--yes", "--target-disks", tiny, "--target", work.resolve("target").toString(), archive.toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(7);
        assertThat(r.errLines()).last().asString().contains(tiny).contains("needs").contains("nothing was written");
        assertThat(digest(work.resolve("tiny.img"))).isEqualTo(before);
    }

    @Test
    void aLayoutNamingADeviceTwiceIsRefusedBeforeAnyDiskIsTouched() throws Exception {
        String spare = attach("spare", 1536);
        byte[] before = digest(work.resolve("spare.img"));
        String recorded = Cli.ok("info", "--layout", "--json", archive.toString()).out();
        JsonNode l = JSON.readTree(recorded);
        ((com.fasterxml.jackson.databind.node.ObjectNode) l.at("/file_systems/1")).put("device", l.at("/file_systems/0/device").asText());
        Path bad = work.resolve("twice.layout");
        Files.writeString(bad, l.toString());
        Cli r = Cli.run("recover", "--yes", "--layout", bad.toString(), "--target-disks", spare, archive.toString());
        assertThat(r.code()).as(r.describe()).isEqualTo(7);
        assertThat(r.errLines()).hasSize(1).first().asString().contains(bad.toString()).contains("is used twice");
        assertThat(digest(work.resolve("spare.img"))).isEqualTo(before);
    }

    @Test
    void anAlternateRootNotMountedFromItsDisksGetsTheirLayoutFromItsFstab() throws Exception {
        // the machine's disk, unmounted (another machine's disk attached here, say), and a copy of its root elsewhere
        String disk = attach("unmounted", 1024);
        run("sh", "-c", "printf 'label: gpt\\nsize=300MiB, name=root\\nsize=400MiB, name=srv\\nname=swap\\n' | sfdisk -q " + disk);
        run("partx", "-u", disk);
        run("mke2fs", "-q", "-t", "ext4", "-L", "root", disk + "p1");
        run("mkfs.xfs", "-q", "-L", "srv", disk + "p2");
        run("mkswap", "-q", "-L", "swap", disk + "p3");
        Path copy = Files.createDirectories(work.resolve("copy/etc"));
        Files.writeString(copy.resolve("fstab"), "# the copied machine's own fstab\n"
                + "UUID=" + uuid(disk + "p1") + " / ext4 errors=remount-ro 0 1\n"
                + "LABEL=srv /srv xfs defaults 0 2\n"
                + "UUID=" + uuid(disk + "p3") + " none swap sw 0 0\n"
                + "/dev/sdz9 /mnt/elsewhere ext4 defaults 0 2\n");
        Path root = copy.getParent();
        Path out = work.resolve("copy.flar");

        Cli r = Cli.run("create", "-q", "-n", "copy", "--layout-from", disk + "p2", "-R", root.toString(), out.toString());
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.err()).contains("fstab: /dev/sdz9 for /mnt/elsewhere is not on " + disk + ": not recorded");
        JsonNode layout = JSON.readTree(Cli.ok("info", "--layout", "--json", out.toString()).out());
        assertThat(layout.path("disks")).extracting(d -> d.path("device").asText()).containsExactly(disk);
        assertThat(layout.at("/disks/0/table/partitions")).extracting(p -> p.path("name").asText()).containsExactly("root", "srv", "swap");
        assertThat(layout.path("file_systems")).extracting(f -> f.path("mountpoint").asText() + " " + f.path("type").asText()
                + " " + f.path("uuid").asText() + " " + f.path("options").asText()).containsExactly(
                "/ ext4 " + uuid(disk + "p1") + " errors=remount-ro", "/srv xfs " + uuid(disk + "p2") + " defaults");
        for (JsonNode f : layout.path("file_systems")) { // read off the superblocks: a few MiB of metadata, not the whole size
            assertThat(f.path("used").asLong()).isPositive().isLessThan(f.path("size").asLong() / 4);
        }
        assertThat(layout.at("/file_systems/1/features").toString()).contains("crc=1");
        assertThat(layout.at("/swaps/0/uuid").asText()).isEqualTo(uuid(disk + "p3"));

        // a device that is not there: one line naming it, no archive
        Path none = work.resolve("none.flar");
        Cli bad = Cli.run("create", "-q", "-n", "copy", "--layout-from", "/dev/flar-no-such-disk", "-R", root.toString(), none.toString());
        assertThat(bad.code()).as(bad.describe()).isEqualTo(7);
        assertThat(bad.errLines()).hasSize(1).first().asString().contains("/dev/flar-no-such-disk").contains("not a block device");
        assertThat(none).doesNotExist();
        // disks none of whose file systems the fstab names
        Cli unnamed = Cli.run("create", "-q", "-n", "copy", "--layout-from", original, "-R", root.toString(), none.toString());
        assertThat(unnamed.code()).as(unnamed.describe()).isEqualTo(7);
        assertThat(unnamed.errLines()).last().asString().contains("no file system that").contains(original);
        assertThat(none).doesNotExist();
    }

    private static String attach(String name, long mib) throws Exception {
        Path img = work.resolve(name + ".img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(mib << 20);
        }
        String dev = Tools.run(List.of("losetup", "-f", "--show", img.toString()), null).strip();
        loops.add(dev);
        return dev;
    }

    private static JsonNode sfdisk(String dev) throws Exception {
        return JSON.readTree(Tools.run(List.of("sfdisk", "--json", dev), null)).path("partitiontable");
    }

    private static String uuid(String dev) {
        return Tools.run(List.of("blkid", "-p", "-o", "value", "-s", "UUID", dev), null).strip();
    }

    private static byte[] digest(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }

    private static void run(String... cmd) {
        Tools.run(List.of(cmd), null);
    }
}
