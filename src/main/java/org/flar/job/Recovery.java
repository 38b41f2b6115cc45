package org.flar.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveReader;
import org.flar.identity.sysidcfg.Sysidcfg;
import org.flar.layout.BootLoaderInstall;
import org.flar.layout.DefaultLayout;
import org.flar.layout.DiskMapping;
import org.flar.layout.Layout;
import org.flar.layout.LayoutException;
import org.flar.layout.LayoutJson;
import org.flar.layout.PresentDisk;
import org.flar.layout.Resizer;
import org.flar.layout.Step;
import org.flar.layout.StoragePlan;
import org.flar.layout.SystemFiles;
import org.flar.layout.TargetMounts;
import org.flar.location.Location;
import org.flar.location.LocationSettings;
import org.flar.location.Locations;
import org.flar.media.SetRestore;
import org.flar.media.VolumeSource;
import org.flar.progress.Progress;
import org.flar.signature.TrustedKeys;

/**
 * A machine back on blank disks, as {@code flar recover} and the rescue system do it: the
 * layout (the archive's recorded one, one given in a file, or flar's default) fitted to the
 * disks present, every step planned and shown before anything is written, then storage made,
 * file systems mounted at their mount points, the archive deployed with its identity, and the
 * machine's boot loader installed (docs/layout.md).
 */
public final class Recovery {
    /** Where the layout came from, which decides what flar writes into the restored system. */
    public enum Origin { RECORDED, GIVEN, DEFAULT }

    /** What is restored: an archive chain (files) or a media set. */
    public interface Source {
        String name();

        /** The archive's layout section, or null when it has none. */
        byte[] layoutSection() throws IOException;

        /** Refuses the source unless {@code trust} admits each archive, reading only the text sections. */
        void admit(TrustedKeys trust) throws IOException;

        void deploy(Path target, TrustedKeys trust, Progress progress) throws IOException;

        /** What the deployment makes of the identity, for the plan. */
        default String identity() {
            return "identity kept";
        }

        static Source archives(List<String> archives) {
            return chain(archives, null, false);
        }

        /**
         * A clone rather than the machine itself, as a network install of thirty machines from
         * one master asks: the master's identity removed and, with {@code sysidcfg}, this
         * machine's own applied (docs/sysidcfg.md).
         */
        static Source clone(List<String> archives, Sysidcfg sysidcfg) {
            return chain(archives, sysidcfg, true);
        }

        private static Source chain(List<String> archives, Sysidcfg sysidcfg, boolean clone) {
            return new Source() {
                @Override
                public String name() {
                    return String.join(" ", archives);
                }

                @Override
                public byte[] layoutSection() throws IOException {
                    return sections(archives.getFirst(), r -> r.hasSection(FlashArchive.LAYOUT) ? r.section(FlashArchive.LAYOUT) : null);
                }

                @Override
                public void admit(TrustedKeys trust) throws IOException {
                    for (String a : archives) {
                        sections(a, trust::check);
                    }
                }

                @Override
                public void deploy(Path target, TrustedKeys trust, Progress progress) throws IOException {
                    Deployment d = Deployment.onto(target).trusting(trust);
                    if (!clone) {
                        d.recovery(null);
                    } else if (sysidcfg != null) {
                        d.configured(sysidcfg);
                    }
                    d.run(archives, progress);
                }

                @Override
                public String identity() {
                    return !clone ? "identity kept" : sysidcfg == null ? "a clone: the master's identity removed"
                            : "a clone configured from its sysidcfg";
                }
            };
        }

        /** What is read from an archive's text sections. */
        interface SectionRead<T> {
            T from(FlashArchiveReader reader) throws IOException;
        }

        /** Reads {@code archive} only as far as its payload (a remote one: only those bytes are fetched). */
        private static <T> T sections(String archive, SectionRead<T> read) throws IOException {
            Location l = Locations.of(archive, LocationSettings.DEFAULT, Progress.NONE);
            try (InputStream in = l.readSections(); FlashArchiveReader r = FlashArchiveReader.open(in, l.toString())) {
                return read.from(r);
            }
        }

        static Source media(VolumeSource volumes) {
            SetRestore restore = new SetRestore(volumes, Progress.NONE);
            return new Source() {
                @Override
                public String name() {
                    try {
                        return "volume set " + restore.set().setName();
                    } catch (IOException e) {
                        return "volume set";
                    }
                }

                @Override
                public byte[] layoutSection() throws IOException {
                    return restore.section(FlashArchive.LAYOUT);
                }

                @Override
                public void admit(TrustedKeys trust) throws IOException {
                    restore.admit(trust);
                }

                @Override
                public void deploy(Path target, TrustedKeys trust, Progress progress) throws IOException {
                    new SetRestore(volumes, progress).restore(target, true, false, trust);
                }
            };
        }
    }

    /** What will be done, shown before it is. */
    public record Plan(Origin origin, Layout layout, List<DiskMapping.Match> disks, List<Step> steps, List<String> changes) {
        public void print(Consumer<String> out) {
            out.accept("layout: " + switch (origin) {
                case RECORDED -> "the archive's own (recorded at capture)";
                case GIVEN -> "given in a file";
                case DEFAULT -> "flar's default (asked for, or the archive recorded none): GPT, BIOS boot, ESP, one ext4 root";
            });
            for (DiskMapping.Match m : disks) {
                out.accept("disk " + m.recorded().device() + " (" + human(m.recorded().size()) + ") -> " + m.present().describe()
                        + " [" + m.how() + "]");
            }
            int n = 1;
            for (Step s : steps) {
                out.accept(String.format("%2d. %s", n++, s.what()));
                s.commands().forEach(c -> c.shown().lines().forEach(line -> out.accept("      " + line)));
            }
            changes.forEach(c -> out.accept("change: " + c));
        }

        /** Runs every step; a failure says what was done and what was not, and the same recovery can be run again. */
        public void run(Consumer<String> log) throws IOException {
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                log.accept("step " + (i + 1) + "/" + steps.size() + ": " + s.what());
                try {
                    s.run();
                } catch (IOException | RuntimeException e) {
                    String done = i == 0 ? "nothing" : "steps 1-" + i;
                    throw new LayoutException("step " + (i + 1) + " (" + s.what() + ") failed: " + e.getMessage()
                            + "; done: " + done + ", not done: steps " + (i + 1) + "-" + steps.size()
                            + " (flar recover can be run again on the same disks)");
                }
            }
        }
    }

    private final Source source;
    private Path layoutFile;
    private boolean defaultLayout;
    private Map<String, String> named = Map.of();
    private List<String> inOrder = List.of();
    private String grow;
    private String growLv;
    private byte[] key;
    private Path target = Path.of("/mnt/target");
    private Progress progress = Progress.NONE;
    private TrustedKeys trust = TrustedKeys.none();

    private Recovery(Source source) {
        this.source = source;
    }

    public static Recovery of(Source source) {
        return new Recovery(source);
    }

    /** A layout given in a file instead of the archive's (a machine that gets a layout it never had). */
    public Recovery layoutFile(Path file) {
        this.layoutFile = file;
        return this;
    }

    /** flar's default layout even when the archive recorded one (an install profile's {@code layout default}). */
    public Recovery defaultLayout() {
        this.defaultLayout = true;
        return this;
    }

    /** @param named recorded disk → present disk (--disk OLD=NEW); @param inOrder the target disks in the recorded order (flar.auto) */
    public Recovery disks(Map<String, String> named, List<String> inOrder) {
        this.named = new LinkedHashMap<>(named);
        this.inOrder = List.copyOf(inOrder);
        return this;
    }

    public Recovery grow(String partition, String lv) {
        this.grow = partition;
        this.growLv = lv;
        return this;
    }

    /** The LUKS key: a passphrase as typed, or a key file's bytes. */
    public Recovery key(byte[] luksKey) {
        this.key = luksKey;
        return this;
    }

    public Recovery target(Path dir) {
        this.target = dir;
        return this;
    }

    /** The keys the archive must be signed by: checked in {@link #plan}, before any disk is written, and again as it is deployed. */
    public Recovery trusting(TrustedKeys keys) {
        this.trust = keys;
        return this;
    }

    public Recovery progress(Progress p) {
        this.progress = p;
        return this;
    }

    /** Decides everything and writes nothing. */
    public Plan plan(List<PresentDisk> present) throws IOException {
        if (trust.required()) {
            source.admit(trust);
        }
        Origin origin;
        Layout layout;
        if (layoutFile != null) {
            origin = Origin.GIVEN;
            layout = LayoutJson.read(layoutFile);
        } else {
            byte[] section = defaultLayout ? null : source.layoutSection();
            if (section != null) {
                origin = Origin.RECORDED;
                layout = LayoutJson.read(section, source.name() + ": layout section");
            } else {
                origin = Origin.DEFAULT;
                layout = DefaultLayout.on(defaultDisk(present));
            }
        }
        if (!layout.crypts().isEmpty() && key == null) {
            throw new LayoutException(layout.crypts().getFirst().mapped() + ": the layout has LUKS volumes and no key was "
                    + "given (--key-file FILE, flar.keyfile= in the rescue system, or a passphrase on the console)");
        }
        List<DiskMapping.Match> matches = origin == Origin.DEFAULT
                ? DiskMapping.map(layout.disks(), present, Map.of(), List.of(layout.disks().getFirst().device()))
                : DiskMapping.map(layout.disks(), present, named, inOrder);
        Resizer.Fitted fitted = new Resizer(layout, grow, growLv).fit(matches);
        Layout l = fitted.layout();
        List<String> changes = new ArrayList<>(fitted.changes());
        TargetMounts mounts = new TargetMounts(target);
        List<Step> steps = new ArrayList<>(StoragePlan.steps(l, target, key, fitted.fill()));
        steps.add(Step.by("mount the file systems at their mount points under " + target, () -> mounts.mountAll(l)));
        steps.add(Step.by("deploy " + source.name() + " into " + target + " (" + source.identity() + ")",
                () -> source.deploy(target, trust, progress)));
        if (origin != Origin.RECORDED) {
            steps.add(Step.by("write fstab" + (l.crypts().isEmpty() ? "" : ", crypttab") + (l.raids().isEmpty() ? "" : ", mdadm.conf")
                    + " for this layout (the system's own kept as *.before-flar-restore)",
                    () -> SystemFiles.write(l, target, origin == Origin.GIVEN ? layoutFile.toString() : "flar's default layout")));
        }
        steps.add(Step.by("bind /dev, /proc and /sys into " + target + " for the restored system's own tools", mounts::bindSystem));
        // Debian's initramfs finds md arrays and volume groups by itself; LUKS needs its crypttab inside
        if (origin == Origin.GIVEN && !l.crypts().isEmpty()) {
            steps.add(BootLoaderInstall.initramfs(mounts));
        }
        steps.addAll(BootLoaderInstall.steps(l, mounts, Files.isDirectory(Path.of("/sys/firmware/efi/efivars")), changes));
        steps.add(Step.by("unmount " + target, mounts::close));
        return new Plan(origin, l, matches, steps, changes);
    }

    private PresentDisk defaultDisk(List<PresentDisk> present) throws LayoutException {
        if (inOrder.size() > 1 || named.size() > 1) {
            throw new LayoutException("flar's default layout uses one disk; " + (inOrder.size() + named.size()) + " were named");
        }
        String want = !inOrder.isEmpty() ? inOrder.getFirst() : named.isEmpty() ? null : named.values().iterator().next();
        List<PresentDisk> free = present.stream().filter(p -> p.busy() == null).toList();
        if (want != null) {
            PresentDisk p = present.stream().filter(x -> x.device().equals(want)).findFirst()
                    .orElseThrow(() -> new LayoutException(want + ": no such disk here"));
            if (p.busy() != null) {
                throw new LayoutException(p.device() + ": will not be written: " + p.busy());
            }
            return p;
        }
        if (free.size() != 1) {
            throw new LayoutException((free.isEmpty() ? "no free disk" : free.size() + " free disks") + " for flar's default "
                    + "layout; name the target with --target-disks DISK (flar.auto=DISK in the rescue system)");
        }
        return free.getFirst();
    }

    private static String human(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
