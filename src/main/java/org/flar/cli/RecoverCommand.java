package org.flar.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flar.job.Recovery;
import org.flar.layout.DiskMapping;
import org.flar.layout.LayoutException;
import org.flar.layout.PresentDisk;
import org.flar.media.VolumeSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "recover", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Bring a machine back on blank disks: recreate its disk layout, deploy the archive into it with its "
                    + "identity, and install its own boot loader (docs/layout.md).",
            "",
            "The layout is the archive's own, recorded at capture (partition tables with their GUIDs, md arrays, "
                    + "LUKS, LVM, file systems and swap with their UUIDs), so the machine's fstab, crypttab, "
                    + "mdadm.conf and boot configuration stay valid; or one given with --layout; or, for an archive "
                    + "that recorded none, flar's default (GPT: BIOS boot, ESP, one ext4 root). Recorded disks are "
                    + "matched to this machine's by serial or WWN, then by size when only one disk fits; name them "
                    + "with --disk or --target-disks otherwise. A larger disk's space goes to the last partition (or "
                    + "--grow) and, with LVM, to --grow-lv; a smaller disk is used when what is stored fits, and "
                    + "refused otherwise. Every step is shown before anything is written (--plan shows it and stops); "
                    + "a failure says what was done and what was not, and the same command can be run again.",
            "",
            "Runs in the rescue system (whose init calls it) and on any Linux with the tools: sfdisk, wipefs, "
                    + "partx, mdadm, cryptsetup, lvm, mke2fs, mkfs.xfs, mkfs.vfat, mkswap, chroot."},
        footer = {"", "Examples:",
            "  flar recover --plan web01.flar                          # what would be done",
            "  flar recover web01.flar                                 # asks before it writes",
            "  flar recover --yes --target-disks /dev/sda,/dev/sdb web01.flar",
            "  flar recover --disk /dev/vda=/dev/nvme0n1 --grow-lv vg0/root web01.flar",
            "  flar recover --media /media/FLAR_1A2B3C4D_1 /media/FLAR_1A2B3C4D_2",
            "  flar recover --layout new-server.layout --key-file /root/luks.key golden.flar", ExitCode.HELP})
final class RecoverCommand implements Callable<Integer> {
    @Option(names = "--plan", description = "Print the plan (disks, steps with their commands, changes) and exit; writes nothing.")
    boolean planOnly;

    @Option(names = {"-y", "--yes"}, description = "Do not ask before writing (the rescue system's flar.auto).")
    boolean yes;

    @Option(names = "--layout", paramLabel = "FILE", description = "Recreate this layout (docs/layout.md) instead of the archive's.")
    Path layout;

    @Option(names = "--disk", paramLabel = "OLD=NEW", description = "The recorded disk OLD becomes NEW (repeatable).")
    Map<String, String> disks = new LinkedHashMap<>();

    @Option(names = "--target-disks", paramLabel = "DISK", split = ",",
            description = "The target disks, in the order of the recorded disks (as flar.auto=DISK,... in the rescue system).")
    List<String> targetDisks = List.of();

    @Option(names = "--grow", paramLabel = "PARTITION", description = "The recorded partition (e.g. /dev/vda2) that takes "
            + "a size change of its disk; default: each disk's last.")
    String grow;

    @Option(names = "--grow-lv", paramLabel = "VG/LV", description = "The logical volume that takes the volume group's new "
            + "space, or gives what a smaller disk lacks; default: none grows (the space stays free in the VG), and the "
            + "one mounted at / shrinks.")
    String growLv;

    @Option(names = "--key-file", paramLabel = "FILE", description = "The LUKS key (its bytes, as cryptsetup --key-file "
            + "reads them); without it a passphrase is asked on the console.")
    Path keyFile;

    @Option(names = "--target", paramLabel = "DIR", description = "Where the file systems are mounted (default: /mnt/target).")
    Path target = Path.of("/mnt/target");

    @Option(names = "--media", description = "The ARCHIVEs are the volumes of a media set (ISO images or mounted volumes).")
    boolean media;

    @Option(names = "--drive", paramLabel = "DRIVE", description = "Read the media set from this one drive, asking for "
            + "each volume in turn (as flar media restore --drive).")
    Path drive;

    @Parameters(paramLabel = "ARCHIVE", arity = "0..*", description = "The archive (a full archive and its differentials, "
            + "in order), or with --media the set's volumes.")
    List<String> archives = List.of();

    @Mixin
    TrustOptions trust;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        if (drive == null && archives.isEmpty()) {
            throw new IllegalArgumentException("give the ARCHIVE (or the media set's volumes with --media, or --drive DRIVE)");
        }
        media |= drive != null;
        VolumeSource volumes = drive != null
                ? new org.flar.media.Drive(drive, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), common.err())
                : media ? new org.flar.media.Shelf(archives.stream().map(Path::of).toList()) : null;
        try {
            Recovery.Source source = media ? Recovery.Source.media(volumes) : Recovery.Source.archives(archives);
            Recovery recovery = Recovery.of(source).layoutFile(layout).disks(disks, targetDisks).grow(grow, growLv)
                    .target(target).progress(common.progress()).trusting(trust.load());
            if (keyFile != null) {
                recovery.key(Files.readAllBytes(keyFile));
            }
            Recovery.Plan plan;
            try {
                plan = recovery.plan(PresentDisk.probe(target));
            } catch (LayoutException e) {
                if (keyFile == null && !planOnly && e.getMessage().contains("no key was given")) {
                    recovery.key(askPassphrase());
                    plan = recovery.plan(PresentDisk.probe(target));
                } else {
                    throw e;
                }
            }
            plan.print(line -> common.err().println("flar: " + line));
            common.err().flush();
            if (planOnly) {
                if (common.json) {
                    Json.print(common.out(), Map.of("origin", plan.origin(), "disks", plan.disks().stream().map(m ->
                            Map.of("recorded", m.recorded().device(), "target", m.present().device(), "how", m.how())).toList(),
                            "steps", plan.steps().stream().map(s -> s.what()).toList(), "changes", plan.changes()));
                }
                return ExitCode.OK;
            }
            if (!yes) {
                confirm(plan.disks());
            }
            long start = System.nanoTime();
            plan.run(line -> {
                common.err().println("flar: " + line);
                common.err().flush();
            });
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            if (common.json) {
                Json.print(common.out(), Map.of("recovered", true, "seconds", seconds, "changes", plan.changes(),
                        "disks", plan.disks().stream().map(m -> m.present().device()).toList()));
            } else if (!common.quiet) {
                common.err().println("flar: recovered onto " + String.join(", ", plan.disks().stream()
                        .map(m -> m.present().device()).toList()) + " in " + seconds + " s"
                        + (plan.changes().isEmpty() ? "; nothing had to change" : "; changed: " + plan.changes().size() + " (above)"));
            }
            return ExitCode.OK;
        } finally {
            if (volumes != null) {
                volumes.close();
            }
        }
    }

    /** Typing the target disks' names is the confirmation: a stray Enter erases nothing. */
    private void confirm(List<DiskMapping.Match> disks) throws IOException {
        String names = String.join(",", disks.stream().map(m -> m.present().device()).toList());
        common.err().print("flar: this ERASES " + names + ". Type " + names + " to go on: ");
        common.err().flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (answer == null || !answer.strip().equals(names)) {
            throw new LayoutException("not confirmed: nothing was written");
        }
    }

    private byte[] askPassphrase() throws IOException {
        Console console = System.console();
        if (console == null) {
            throw new LayoutException("the layout has LUKS volumes: give --key-file FILE (no console to ask a passphrase on)");
        }
        char[] p = console.readPassword("flar: LUKS passphrase for the recovered volumes: ");
        if (p == null || p.length == 0) {
            throw new LayoutException("no LUKS passphrase given: nothing was written");
        }
        return new String(p).getBytes(StandardCharsets.UTF_8);
    }
}
