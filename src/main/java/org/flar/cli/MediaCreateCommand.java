package org.flar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flar.capture.CaptureOptions;
import org.flar.format.Identification;
import org.flar.fs.FileTrees;
import org.flar.job.BootVolume;
import org.flar.job.Creation;
import org.flar.job.ImageUpload;
import org.flar.media.IsoMaster;
import org.flar.media.MediaSize;
import org.flar.media.RootEstimate;
import org.flar.media.SetCreator;
import org.flar.media.VolumePlan;
import org.flar.media.XorrisoMaster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Write a flash archive as a set of ISO 9660 volumes: OUTDIR/NAME-1.iso ... NAME-n.iso.",
            "",
            "Every image stays within the medium's capacity. Each volume holds its share of the archive as pieces "
                    + "(FLAR/P0001 ..., at most 256 MiB each, never near the 2 GiB that trips ISO readers), a catalog "
                    + "(FLAR/CATALOG.TXT: set id, volume number, each piece's size and SHA-256; volume 1 also the "
                    + "whole set, the archive's SHA-256 and its identification) and a README.TXT for the person "
                    + "holding the disc. Labels are FLAR_<set>_<volume>. The count of volumes is said before "
                    + "anything is written; --dry-run says only that. Needs xorriso.",
            "",
            "Volume 1 boots on BIOS and UEFI (also written to a USB stick) into flar's rescue system, which finds "
                    + "the volumes, asks which disk to restore onto and asks for each next volume (see flar rescue "
                    + "build); without a rescue system it is a plain data volume, and flar says so.",
            "",
            "With -R ROOT instead of ARCHIVE, the root is captured straight into volumes (the CART phases as one "
                    + "command, for cron): volumes 2, 3, ... are mastered as the compressed payload fills them, and "
                    + "volume 1, holding the archive's text sections, last. No full-size temporary archive is made: "
                    + "temporary space is about one volume, in OUTDIR, which is left out of the capture."},
        footer = {"", "Examples:",
            "  flar media create --media dvd5 web01.flar /srv/media",
            "  flar media create --media 700MiB --dry-run web01.flar /srv/media",
            "  flar media create --media bd25 -R / -x /var/cache/apt --name web01 /srv/media", ExitCode.HELP})
final class MediaCreateCommand implements Callable<Integer> {
    @Option(names = "--media", required = true, paramLabel = "MEDIUM",
            description = "cd650, cd700, dvd5, dvd9, bd25, bd50, or a size: 64M, 4.7G (powers of 1000), 700MiB (of 1024).")
    String media;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the set and its files (default: the "
            + "archive's content_name, or with -R the capture's -n).")
    String setName;

    @Option(names = "--public-key", paramLabel = "PUBKEY", description = "The public key the archive is signed by "
            + "(flar sign): checked, then put on volume 1 as " + org.flar.media.Catalog.SIGNER_KEY + " so that whoever "
            + "restores can see and use it (media restore --trusted-key). Not with -R.")
    Path publicKey;

    @Option(names = "--dry-run", description = "Only say how many volumes the archive takes; write nothing.")
    boolean dryRun;

    @Option(names = "--piece-size", paramLabel = "SIZE", description = "Largest piece file (default 256MiB; a "
            + "multiple of 2048 bytes below 2 GiB). A piece is read twice on restore, checked then used.")
    String pieceSize;

    @Option(names = "--no-boot", description = "Volume 1 is a plain data volume, not bootable.")
    boolean noBoot;

    @Option(names = "--rescue", paramLabel = "ISO|DIR", description = "Make volume 1 bootable with this rescue "
            + "system: a directory holding vmlinuz and initrd.img (flar rescue build --output DIR) or a rescue ISO "
            + "(flar rescue build --iso FILE). Default: flar rescue build's own (cached; built when missing); when "
            + "none can be had, volume 1 is a plain data volume and flar says why.")
    Path rescue;

    @Option(names = "--append", paramLabel = "PARAM", split = " ", description = "Extra kernel parameters for "
            + "volume 1's restore entries, e.g. flar.auto=/dev/sda (restores onto that disk without asking!).")
    List<String> append = List.of();

    @Mixin
    FromDisks fromDisks;

    @Option(names = {"-R", "--root"}, paramLabel = "ROOT", description = "Capture ROOT into the volumes instead of "
            + "writing an ARCHIVE (the capture options below apply).")
    Path root;

    @Option(names = {"-n"}, paramLabel = "NAME", description = "With -R: content_name (default: the root's host name).")
    String contentName;

    @Mixin
    CaptureSelection selection;

    @Mixin
    ArchiveMaking making;

    @Mixin
    CommonOptions common;

    @Mixin
    LocationOptions locations;

    @Parameters(paramLabel = "ARCHIVE OUTDIR", arity = "1..2", description = "The archive and the directory for the "
            + "images (or s3://BUCKET/PREFIX: made in $TMPDIR, then uploaded); with -R or --from-disks only OUTDIR. An "
            + "http(s):// or s3:// ARCHIVE is fetched to $TMPDIR first (the set is cut from a file of known size).")
    List<String> paths;

    @Override
    public Integer call() throws IOException {
        if ((root != null || fromDisks.enabled) && publicKey != null) {
            throw new IllegalArgumentException("--public-key names the signer of an archive given as a file: not with -R or --from-disks");
        }
        if (paths.size() != (root == null && !fromDisks.enabled ? 2 : 1)) {
            throw new IllegalArgumentException(root == null && !fromDisks.enabled
                    ? "give ARCHIVE and OUTDIR (or -R ROOT and OUTDIR)" : "with -R or --from-disks give only OUTDIR");
        }
        String outName = paths.getLast();
        boolean upload = ImageUpload.isRemote(outName) && !dryRun;
        Path outDir = upload ? ImageUpload.staging(outName) : Path.of(outName);
        MediaSize size = MediaSize.parse(media);
        // Rounded down to whole sectors, so "8M" works as well as "8MiB".
        long pieces = pieceSize == null ? VolumePlan.DEFAULT_PIECE_SIZE
                : (long) MediaSize.bytesOf(pieceSize) / MediaSize.SECTOR * MediaSize.SECTOR;
        new VolumePlan(size, pieces, 0); // checks the piece size before a rescue system is looked for
        if (!dryRun) {
            XorrisoMaster.find();
        }
        IsoMaster data = new XorrisoMaster();
        Path rescueFiles = null;
        try {
            if (rescue != null && Files.isRegularFile(rescue)) {
                rescueFiles = Files.createTempDirectory("flar-rescue-");
            }
            IsoMaster first = BootVolume.choose(data, noBoot, rescue, rescueFiles, append, note -> {
                if (!common.quiet) {
                    common.err().println("flar: " + note);
                }
            });
            return create(new VolumePlan(size, pieces, first.reservedBytes()), outDir, data, first, upload ? outName : null);
        } finally {
            if (rescueFiles != null) {
                FileTrees.delete(rescueFiles);
            }
            if (upload) {
                FileTrees.delete(outDir);
            }
        }
    }

    /** @param prefix the s3:// prefix the images in {@code outDir} are uploaded to, or null */
    private int create(VolumePlan plan, Path outDir, IsoMaster data, IsoMaster first, String prefix) throws IOException {
        TerminalProgress progress = common.progress();
        SetCreator.Result r;
        List<String> images;
        List<Long> sizes = new java.util.ArrayList<>();
        try {
            r = fromDisks.enabled ? fromDisks(plan, first, data, outDir, progress)
                    : root == null ? fromArchive(plan, first, data, outDir, progress) : fromRoot(plan, first, data, outDir, progress);
            if (r == null) {
                return ExitCode.OK;
            }
            for (Path iso : r.images()) {
                sizes.add(Files.size(iso));
            }
            images = prefix == null ? r.images().stream().map(Path::toString).toList()
                    : ImageUpload.upload(r.images(), prefix, locations.settings(), progress);
        } finally {
            progress.done();
        }
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("setId", r.setId());
            json.put("images", images);
            json.put("archiveSize", r.archiveSize());
            json.put("archiveSha256", r.archiveSha256());
            json.put("temporaryPeakBytes", r.temporaryPeak());
            if (r.capture() != null) {
                json.put("capture", r.capture());
            }
            Json.print(common.out(), json);
        } else if (!common.quiet) {
            for (int i = 0; i < images.size(); i++) {
                common.err().printf("flar: %s  %s%n", images.get(i), Sizes.human(sizes.get(i)));
            }
            common.err().printf("flar: set %s: %d volumes, archive %s, SHA-256 %s%n", r.setId(), r.images().size(),
                    Sizes.human(r.archiveSize()), r.archiveSha256());
        }
        return ExitCode.OK;
    }

    private SetCreator.Result fromArchive(VolumePlan plan, IsoMaster first, IsoMaster data, Path outDir,
                                          TerminalProgress progress) throws IOException {
        String given = paths.getFirst();
        if (!org.flar.location.Locations.isRemote(given)) {
            return fromArchiveFile(Path.of(given), plan, first, data, outDir, progress);
        }
        Path fetched = org.flar.job.ArchiveFetch.toTemporaryFile(given, locations.settings(), progress);
        try {
            return fromArchiveFile(fetched, plan, first, data, outDir, progress);
        } finally {
            Files.deleteIfExists(fetched);
        }
    }

    private SetCreator.Result fromArchiveFile(Path archive, VolumePlan plan, IsoMaster first, IsoMaster data, Path outDir,
                                              TerminalProgress progress) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new java.nio.file.NoSuchFileException(archive.toString(), null, "no such archive");
        }
        Identification id = SetCreator.identificationOf(archive);
        String name = setName != null ? setName : id.get(Identification.CONTENT_NAME);
        long size = Files.size(archive);
        int volumes = plan.volumesFor(size);
        String summary = String.format("%s (%s) takes %d volume%s of %s (volume 1 holds up to %s, the others %s each)",
                archive, Sizes.human(size), volumes, volumes == 1 ? "" : "s", plan.media().name(),
                Sizes.human(plan.share(1)), Sizes.human(plan.share(2)));
        if (dryRun) {
            if (common.json) {
                Json.print(common.out(), Map.of("archive", archive.toString(), "archiveSize", size, "volumes", volumes,
                        "volumeOneShare", plan.share(1), "volumeShare", plan.share(2)));
            } else {
                common.out().println(summary);
            }
            return null;
        }
        if (!common.quiet) {
            common.err().println("flar: " + summary);
        }
        byte[] signer = null;
        if (publicKey != null) {
            // Refused unless the archive really is signed by it: the key on volume 1 names its signer.
            try (java.io.InputStream in = Files.newInputStream(archive);
                 org.flar.format.FlashArchiveReader r = org.flar.format.FlashArchiveReader.open(in, archive.toString())) {
                org.flar.signature.TrustedKeys.load(java.util.List.of(publicKey), null).check(r);
            }
            signer = Files.readAllBytes(publicKey);
        }
        return new SetCreator(plan, fileName(name), first, data, progress).fromArchive(archive, outDir, name, signer);
    }

    private SetCreator.Result fromDisks(VolumePlan plan, IsoMaster first, IsoMaster data, Path outDir,
                                        TerminalProgress progress) throws IOException {
        SetCreator.Result[] r = new SetCreator.Result[1];
        fromDisks.run(null, root != null, outDir, common.err(), found -> {
            root = found;
            r[0] = fromRoot(plan, first, data, outDir, progress);
            return 0;
        });
        return r[0];
    }

    private SetCreator.Result fromRoot(VolumePlan plan, IsoMaster first, IsoMaster data, Path outDir,
                                       TerminalProgress progress) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + ": not a directory (-R needs a root to capture)");
        }
        String content = contentName != null ? contentName : Creation.defaultName(root);
        String name = setName != null ? setName : content;
        Creation creation = making.layout(new Creation(making.options(root, content, selection, common.quiet ? null : common.err()),
                making.identity(), null, false)).layoutRequired(fromDisks.enabled);
        CaptureOptions options = creation.options();
        if (dryRun) {
            dryRun(plan, options);
            return null;
        }
        if (!common.quiet) {
            common.err().printf("flar: capturing %s into volumes of %s (up to %s each); volume 1, with the archive's "
                    + "text sections, is written last, when the count is known%n", root, plan.media().name(),
                    Sizes.human(plan.share(2)));
        }
        return new SetCreator(plan, fileName(name), first, data, progress)
                .fromRoot(options, creation.identityPolicy(outDir, progress), creation.layoutSection(progress), outDir, name);
    }

    /** With -R the compressed size is known only once captured: say what a walk of the root's metadata tells. */
    private void dryRun(VolumePlan plan, CaptureOptions options) throws IOException {
        RootEstimate e = RootEstimate.of(options);
        int most = e.volumesAtMost(plan);
        if (common.json) {
            Json.print(common.out(), Map.of("root", root.toString(), "entries", e.entries(), "fileBytes", e.fileBytes(),
                    "manifestBytes", e.manifestBytes(), "volumesAtMost", most, "volumeShare", plan.share(2)));
            return;
        }
        common.out().printf("%s: %d entries, %s of files: at most %d volumes of %s before compression (volume 1 holds "
                        + "the text sections, about %s; the payload from volume 2 on, up to %s each)%n", root,
                e.entries(), Sizes.human(e.fileBytes()), most, plan.media().name(), Sizes.human(e.manifestBytes()),
                Sizes.human(plan.share(2)));
    }

    /** The images' file name: the set's name with anything but letters, digits, '.', '_' and '-' made '_'. */
    private static String fileName(String name) {
        String f = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return f.isEmpty() || f.startsWith(".") ? "flar" + f : f;
    }
}
